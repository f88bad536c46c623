import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { twilioSid } from './twilio-fixtures';

/** One request the fake received, as the tests read it back. */
export interface RecordedRequest {
  readonly origin: 'api' | 'cdn';
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly form: Readonly<Record<string, string>>;
}

export interface TwilioApiError {
  readonly status: number;
  readonly code: number;
  readonly message: string;
}

interface StoredMedia {
  readonly body: Buffer;
  readonly contentType: string;
  /** Answer 307 to a credential-free CDN path, as Twilio does for media. */
  readonly redirect: boolean;
  /** Send no Content-Length (chunked), so only the streamed count can enforce the limit. */
  readonly chunked: boolean;
}

const API_VERSION = '2010-04-01';
const MESSAGES = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;
/** Twilio's RFC 2822 dates: "Wed, 02 Dec 2026 13:31:50 +0000". */
const rfc2822 = (date: Date): string => date.toUTCString().replace('GMT', '+0000');

/** Known error codes with Twilio's wording, for the tests to choose from. */
export const TWILIO_ERRORS = {
  invalidTo: { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." },
  unsubscribed: { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  regionNotPermitted: {
    status: 400,
    code: 21408,
    message: 'Permission to send an SMS has not been enabled for the region',
  },
  authenticate: { status: 401, code: 20003, message: 'Authenticate' },
  tooManyRequests: { status: 429, code: 20429, message: 'Too Many Requests' },
  internal: { status: 500, code: 20500, message: 'An internal server error has occurred' },
} as const satisfies Record<string, TwilioApiError>;

/**
 * A local HTTP server that plays Twilio's REST API for the paths the channel uses: Messages.json
 * (Basic auth, real-shaped JSON, error bodies with codes), message media and recordings (with
 * Twilio's redirect to a credential-free location). Tests point the SDK at it through the API base.
 */
export class FakeTwilioApi {
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  /** Twilio's media CDN is another origin: the redirect goes there, and credentials must not follow. */
  private readonly cdn: Server;
  private readonly media = new Map<string, StoredMedia>();
  private readonly rejected = new Map<string, TwilioApiError>();
  private readonly queuedFailures: TwilioApiError[] = [];
  private failingWith: TwilioApiError | undefined;
  private readonly created: Readonly<Record<string, string>>[] = [];
  private sequence = 0;

  private constructor(
    readonly accountSid: string,
    private readonly authToken: string,
  ) {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.cdn = createServer((req, res) => {
      void this.handleCdn(req, res);
    });
  }

  static async start(accountSid: string, authToken: string): Promise<FakeTwilioApi> {
    const api = new FakeTwilioApi(accountSid, authToken);
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => api.cdn.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get cdnUrl(): string {
    return `http://127.0.0.1:${(this.cdn.address() as AddressInfo).port}`;
  }

  /** Every later message to this number fails with the error (21211, 21610...). */
  rejectRecipient(to: string, error: TwilioApiError): void {
    this.rejected.set(to, error);
  }

  /** The next message request fails with the error, whatever its recipient (429, 500...). */
  failNext(error: TwilioApiError): void {
    this.queuedFailures.push(error);
  }

  /** Every message request fails with the error until called with undefined (an outage). */
  failAll(error: TwilioApiError | undefined): void {
    this.failingWith = error;
  }

  /** Serves bytes at a media path under the account (`/2010-04-01/Accounts/AC…/Messages/MM…/Media/ME…`). */
  addMedia(
    path: string,
    body: Buffer,
    contentType: string,
    options: Partial<Pick<StoredMedia, 'redirect' | 'chunked'>> = {},
  ): string {
    this.media.set(path, { body, contentType, redirect: options.redirect ?? false, chunked: options.chunked ?? false });
    return `${this.baseUrl}${path}`;
  }

  mediaPath(messageSid: string, mediaSid: string): string {
    return `/${API_VERSION}/Accounts/${this.accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
  }

  recordingPath(recordingSid: string): string {
    return `/${API_VERSION}/Accounts/${this.accountSid}/Recordings/${recordingSid}`;
  }

  /** The forms of the messages it accepted (created), not the attempts it refused. */
  acceptedMessages(): readonly Readonly<Record<string, string>>[] {
    return this.created;
  }

  sentMessages(): RecordedRequest[] {
    return this.requests.filter((r) => r.origin === 'api' && r.method === 'POST' && MESSAGES.test(r.path));
  }

  async stop(): Promise<void> {
    for (const server of [this.server, this.cdn]) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private authorized(req: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    return req.headers.authorization === expected;
  }

  private async record(req: IncomingMessage, origin: 'api' | 'cdn'): Promise<RecordedRequest> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const request = { origin, method: req.method ?? 'GET', path, authorization: req.headers.authorization, form };
    this.requests.push(request);
    return request;
  }

  private async handleCdn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { path } = await this.record(req, 'cdn');
    this.serveMedia(res, path, false);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { path, form } = await this.record(req, 'api');
    if (!this.authorized(req)) return this.error(res, TWILIO_ERRORS.authenticate);
    const messages = MESSAGES.exec(path);
    if (req.method === 'POST' && messages) return this.createMessage(res, form);
    if (req.method === 'GET') return this.serveMedia(res, path, true);
    return this.error(res, { status: 404, code: 20404, message: 'The requested resource was not found' });
  }

  private serveMedia(res: ServerResponse, path: string, viaApi: boolean): void {
    const media = this.media.get(path);
    if (!media) return this.error(res, { status: 404, code: 20404, message: 'The requested resource was not found' });
    if (viaApi && media.redirect) {
      res.writeHead(307, { Location: `${this.cdnUrl}${path}` }).end();
      return;
    }
    const headers: Record<string, string> = { 'Content-Type': media.contentType };
    if (!media.chunked) headers['Content-Length'] = String(media.body.length);
    res.writeHead(200, headers);
    const half = Math.ceil(media.body.length / 2);
    res.write(media.body.subarray(0, half));
    res.end(media.body.subarray(half));
  }

  private createMessage(res: ServerResponse, form: Record<string, string>): void {
    const failure =
      this.failingWith ?? this.queuedFailures.shift() ?? (form['To'] ? this.rejected.get(form['To']) : undefined);
    if (failure) return this.error(res, failure);
    if (!form['To'] || (!form['From'] && !form['MessagingServiceSid'])) {
      return this.error(res, { status: 400, code: 21604, message: "A 'To' phone number is required." });
    }
    this.sequence += 1;
    this.created.push(form);
    const sid = twilioSid('SM', 0x5e00 + this.sequence);
    const now = rfc2822(new Date());
    const uri = `/${API_VERSION}/Accounts/${this.accountSid}/Messages/${sid}.json`;
    res.writeHead(201, { 'Content-Type': 'application/json' }).end(
      JSON.stringify({
        account_sid: this.accountSid,
        api_version: API_VERSION,
        body: form['Body'] ?? '',
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: form['From'] ?? null,
        messaging_service_sid: form['MessagingServiceSid'] ?? null,
        num_media: '0',
        num_segments: '1',
        price: null,
        price_unit: 'USD',
        sid,
        status: form['MessagingServiceSid'] ? 'accepted' : 'queued',
        subresource_uris: { media: `${uri.slice(0, -'.json'.length)}/Media.json` },
        to: form['To'],
        uri,
      }),
    );
  }

  private error(res: ServerResponse, error: TwilioApiError): void {
    res.writeHead(error.status, { 'Content-Type': 'application/json' }).end(
      JSON.stringify({
        code: error.code,
        message: error.message,
        more_info: `https://www.twilio.com/docs/errors/${error.code}`,
        status: error.status,
      }),
    );
  }
}
