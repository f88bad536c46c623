import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One API call the fake answered, with the token it carried: what tests assert on. */
export interface RecordedCall {
  readonly path: string;
  readonly token: string | undefined;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface RecordedUpload {
  readonly type: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer;
  readonly mediaId: string;
}

interface IssuedToken {
  readonly api: 'oa' | 'wecom';
  readonly ownerId: string;
  readonly expiresAt: number;
  revoked: boolean;
}

type Handler = (call: RecordedCall, request: Request) => Promise<Response> | Response;

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
const ok = (extra: Record<string, unknown> = {}): Response => json({ errcode: 0, errmsg: 'ok', ...extra });
const error = (errcode: number, errmsg: string): Response => json({ errcode, errmsg });

/**
 * A local HTTP server of ours playing WeChat's Official Account API and WeCom's API: token issuing with
 * expiry (42001) and revocation (40001), unknown tokens (40014), injected errcodes (45009 …), kf/sync_msg
 * paging by cursor, and send endpoints that record what was sent. Both base URLs point at it.
 */
export class FakeWechatApi {
  readonly calls: RecordedCall[] = [];
  readonly uploads: RecordedUpload[] = [];
  readonly tokenRequests: { readonly api: 'oa' | 'wecom'; readonly ownerId: string }[] = [];
  tokenTtlSeconds = 7200;
  private readonly secrets = new Map<string, string>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly failures: { path: string; errcode: number; errmsg: string; times: number }[] = [];
  private readonly kfQueues = new Map<string, unknown[]>();
  private readonly media = new Map<string, { content: Buffer; contentType: string }>();
  private readonly serviceStates = new Map<string, { state: number; servicer: string }>();
  private readonly routes = new Map<string, Handler>();
  private readonly videos = new Map<string, Buffer>();
  private issued = 0;
  private httpFailure: number | undefined;
  private readonly requestCounts = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeWechatApi> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeWechatApi(server, `http://127.0.0.1:${port}`);
    fake.install();
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets what was recorded and the injected failures (tokens and queues stay). */
  reset(): void {
    this.calls.length = 0;
    this.uploads.length = 0;
    this.tokenRequests.length = 0;
    this.failures.length = 0;
  }

  addApp(appId: string, secret: string): void {
    this.secrets.set(`oa:${appId}`, secret);
  }

  addCorp(corpId: string, secret: string): void {
    this.secrets.set(`wecom:${corpId}`, secret);
  }

  /** The next `times` calls to `path` answer `errcode` (e.g. 45009), before any other check. */
  failNext(path: string, errcode: number, times = 1, errmsg = 'injected'): void {
    this.failures.push({ path, errcode, errmsg, times });
  }

  /** From now on every API call (not the token endpoints) answers this HTTP status; undefined: works again. */
  failHttp(status: number | undefined): void {
    this.httpFailure = status;
  }

  /** Requests that reached `path`, answered or failed (recorded `calls` keep only the answered ones). */
  requestCount(path: string): number {
    return this.requestCounts.get(path) ?? 0;
  }

  /** Every token issued so far now answers 42001 (expired). */
  expireTokens(): void {
    for (const [token, issued] of this.tokens) this.tokens.set(token, { ...issued, expiresAt: 0 });
  }

  /** Every token issued so far now answers 40001 (invalid credential), as after a refresh elsewhere. */
  revokeTokens(): void {
    for (const issued of this.tokens.values()) issued.revoked = true;
  }

  /** Messages sync_msg will return for an account, in order (the platform keeps 3 days of them). */
  queueKfMessages(openKfId: string, items: readonly unknown[]): void {
    this.kfQueues.set(openKfId, [...(this.kfQueues.get(openKfId) ?? []), ...items]);
  }

  putMedia(mediaId: string, content: Buffer, contentType: string): void {
    this.media.set(mediaId, { content, contentType });
  }

  /** A video: media/get answers `{ video_url }` pointing back at this server, as WeChat does. */
  putVideo(mediaId: string, content: Buffer): void {
    this.videos.set(mediaId, content);
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((call) => call.path === path);
  }

  private install(): void {
    this.routes.set('/cgi-bin/token', (call) =>
      this.issue('oa', call.query['appid'] ?? '', call.query['secret'] ?? ''),
    );
    this.routes.set('/cgi-bin/gettoken', (call) =>
      this.issue('wecom', call.query['corpid'] ?? '', call.query['corpsecret'] ?? ''),
    );
    this.routes.set('/cgi-bin/message/custom/send', () => ok());
    this.routes.set('/cgi-bin/message/template/send', () => ok({ msgid: 200_000 + this.calls.length }));
    this.routes.set('/cgi-bin/media/upload', (call, request) => this.upload(call, request));
    this.routes.set('/cgi-bin/media/get', (call) => {
      if (this.videos.has(call.query['media_id'] ?? '')) {
        return json({ video_url: `${this.baseUrl}/fake-video/${call.query['media_id']}` });
      }
      const media = this.media.get(call.query['media_id'] ?? '');
      if (!media) return error(40007, 'invalid media_id');
      return new Response(new Uint8Array(media.content), {
        headers: {
          'content-type': media.contentType,
          'content-disposition': `attachment; filename="${call.query['media_id']}"`,
        },
      });
    });
    this.routes.set('/cgi-bin/kf/sync_msg', (call) => this.syncMsg(call.body));
    this.routes.set('/cgi-bin/kf/send_msg', (call) => {
      const body = call.body as { msgid?: string };
      return ok({ msgid: body.msgid ?? `fake-${this.calls.length}` });
    });
    this.routes.set('/cgi-bin/kf/service_state/get', (call) => {
      const body = call.body as { open_kfid?: string; external_userid?: string };
      const state = this.serviceStates.get(`${body.open_kfid}:${body.external_userid}`) ?? { state: 0, servicer: '' };
      return ok({ service_state: state.state, servicer_userid: state.servicer });
    });
    this.routes.set('/cgi-bin/kf/service_state/trans', (call) => {
      const body = call.body as {
        open_kfid?: string;
        external_userid?: string;
        service_state?: number;
        servicer_userid?: string;
      };
      this.serviceStates.set(`${body.open_kfid}:${body.external_userid}`, {
        state: body.service_state ?? 0,
        servicer: body.servicer_userid ?? '',
      });
      return ok({ msg_code: '' });
    });
  }

  private issue(api: 'oa' | 'wecom', ownerId: string, secret: string): Response {
    this.tokenRequests.push({ api, ownerId });
    if (this.secrets.get(`${api}:${ownerId}`) !== secret) return error(api === 'oa' ? 40125 : 40001, 'invalid secret');
    const token = `${api}-token-${++this.issued}`;
    this.tokens.set(token, { api, ownerId, expiresAt: Date.now() + this.tokenTtlSeconds * 1000, revoked: false });
    return json({ access_token: token, expires_in: this.tokenTtlSeconds });
  }

  private async upload(call: RecordedCall, request: Request): Promise<Response> {
    const form = await request.formData();
    const file = form.get('media');
    if (!(file instanceof Blob)) return error(41005, 'media data missing');
    const mediaId = `media-${this.uploads.length + 1}`;
    const content = Buffer.from(await file.arrayBuffer());
    const fileName = file instanceof File ? file.name : 'media';
    this.uploads.push({ type: call.query['type'] ?? '', fileName, contentType: file.type, content, mediaId });
    this.media.set(mediaId, { content, contentType: file.type });
    return json({ type: call.query['type'], media_id: mediaId, created_at: Math.floor(Date.now() / 1000) });
  }

  private syncMsg(body: unknown): Response {
    const request = body as { open_kfid?: string; cursor?: string; limit?: number };
    const queue = this.kfQueues.get(request.open_kfid ?? '') ?? [];
    const start = request.cursor ? Number(request.cursor.replace(/^c/, '')) : 0;
    if (!Number.isInteger(start) || start < 0) return error(95000, 'invalid cursor');
    const limit = Math.min(request.limit ?? 1000, 1000);
    const page = queue.slice(start, start + limit);
    const next = start + page.length;
    return ok({ next_cursor: `c${next}`, has_more: next < queue.length ? 1 : 0, msg_list: page });
  }

  private tokenProblem(path: string, token: string | undefined): Response | undefined {
    if (path === '/cgi-bin/token' || path === '/cgi-bin/gettoken') return undefined;
    const issued = token === undefined ? undefined : this.tokens.get(token);
    if (!issued) return error(40014, 'invalid access_token');
    if (issued.revoked) return error(40001, 'invalid credential, access_token is invalid or not latest');
    if (issued.expiresAt <= Date.now()) return error(42001, 'access_token expired');
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const request = new Request(url, {
      method: req.method ?? 'GET',
      headers,
      ...(raw.length > 0 ? { body: raw } : {}),
    });
    const isJson = /json/.test(req.headers['content-type'] ?? '');
    const query = Object.fromEntries(url.searchParams);
    const token = query['access_token'];
    const call: RecordedCall = {
      path: url.pathname,
      token,
      query,
      body: isJson ? (JSON.parse(raw.toString('utf8')) as unknown) : undefined,
    };
    const response = await this.answer(call, request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  private async answer(call: RecordedCall, request: Request): Promise<Response> {
    this.requestCounts.set(call.path, (this.requestCounts.get(call.path) ?? 0) + 1);
    const tokenCall = call.path === '/cgi-bin/token' || call.path === '/cgi-bin/gettoken';
    if (this.httpFailure !== undefined && !tokenCall) return json({ errmsg: 'injected' }, this.httpFailure);
    const failure = this.failures.find((f) => f.path === call.path && f.times > 0);
    if (failure) {
      failure.times--;
      return error(failure.errcode, failure.errmsg);
    }
    if (call.path.startsWith('/fake-video/')) {
      const video = this.videos.get(call.path.slice('/fake-video/'.length));
      return video ? new Response(new Uint8Array(video), { headers: { 'content-type': 'video/mp4' } }) : json({}, 404);
    }
    const problem = this.tokenProblem(call.path, call.token);
    if (problem) return problem;
    const route = this.routes.get(call.path);
    if (!route) return json({ errcode: 404, errmsg: `no route ${call.path}` }, 404);
    this.calls.push(call);
    return route(call, request);
  }
}
