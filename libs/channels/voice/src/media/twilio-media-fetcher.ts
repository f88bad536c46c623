import type { StoredMedia } from '../sms/stored-media';
import { VoiceChannelException, VoiceChannelExceptionCode } from '../voice-channel.exception';
import type { BlobStore } from './blob-store';
import { fileNameOf, isAllowedType, type MediaLimits } from './media-limits';

export interface TwilioCredentials {
  readonly accountSid: string;
  readonly authToken: string;
}

const MAX_REDIRECTS = 3;

const fail = (code: VoiceChannelExceptionCode, message: string): VoiceChannelException =>
  new VoiceChannelException(code, message);

const tooLarge = (limit: number): VoiceChannelException =>
  fail(VoiceChannelExceptionCode.MediaTooLarge, `media exceeds the limit of ${limit} bytes`);

/**
 * Fetches MMS media and call recordings with the account's credentials into the blob store.
 * Credentials go only to the configured Twilio API origin (a media URL elsewhere is refused, so a
 * forged or odd URL cannot collect them); Twilio answers media with a redirect to a signed CDN URL,
 * which is followed without credentials. The body is streamed and the download aborted as soon as it
 * passes the size limit, so an oversized file is never held in memory.
 */
export class TwilioMediaFetcher {
  private readonly apiOrigin: string;

  constructor(
    apiBaseUrl: string,
    private readonly credentials: TwilioCredentials,
    private readonly limits: MediaLimits,
    private readonly blobs: BlobStore,
  ) {
    this.apiOrigin = new URL(apiBaseUrl).origin;
  }

  async fetchInto(url: string, stem: string, declaredType?: string): Promise<StoredMedia> {
    if (new URL(url).origin !== this.apiOrigin) {
      throw fail(VoiceChannelExceptionCode.MediaOriginNotAllowed, `media URL is not on ${this.apiOrigin}`);
    }
    if (declaredType !== undefined) this.checkType(declaredType);
    const controller = new AbortController();
    const response = await this.follow(url, controller.signal);
    const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? declaredType ?? '';
    this.checkType(contentType);
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    if (length > this.limits.maxBytes) {
      controller.abort();
      throw tooLarge(this.limits.maxBytes);
    }
    const content = await this.readLimited(response, controller);
    const blob = await this.blobs.put(content);
    return { name: fileNameOf(stem, contentType), contentType, ...blob };
  }

  private checkType(contentType: string): void {
    if (!isAllowedType(contentType, this.limits)) {
      throw fail(
        VoiceChannelExceptionCode.MediaTypeNotAllowed,
        `media type "${contentType.slice(0, 100)}" is not allowed`,
      );
    }
  }

  private async follow(start: string, signal: AbortSignal): Promise<Response> {
    let url = start;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const headers: Record<string, string> = {};
      if (new URL(url).origin === this.apiOrigin) headers['Authorization'] = this.basicAuth();
      const response = await fetch(url, { headers, redirect: 'manual', signal }).catch((error: unknown) => {
        throw fail(VoiceChannelExceptionCode.MediaUnavailable, `media fetch failed: ${String(error)}`);
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        url = new URL(location, url).toString();
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw fail(VoiceChannelExceptionCode.MediaUnavailable, `media server answered ${response.status}`);
      }
      return response;
    }
    throw fail(VoiceChannelExceptionCode.MediaUnavailable, `more than ${MAX_REDIRECTS} redirects`);
  }

  private async readLimited(response: Response, controller: AbortController): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let total = 0;
    if (!response.body) return Buffer.alloc(0);
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > this.limits.maxBytes) {
        controller.abort();
        await reader.cancel().catch(() => undefined);
        throw tooLarge(this.limits.maxBytes);
      }
      chunks.push(Buffer.from(value));
    }
    return Buffer.concat(chunks);
  }

  private basicAuth(): string {
    return `Basic ${Buffer.from(`${this.credentials.accountSid}:${this.credentials.authToken}`).toString('base64')}`;
  }
}
