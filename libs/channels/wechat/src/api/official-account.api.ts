import type { BinaryResult, WechatHttpClient } from './wechat-http.client';
import { WechatApiException, WechatApiExceptionCode } from './wechat-api.exception';

export type OaCredential = { readonly api: 'oa'; readonly appId: string; readonly secret: string };

export type UploadableMediaType = 'image' | 'voice' | 'video' | 'thumb';

export interface MediaFile {
  readonly content: Buffer;
  readonly fileName: string;
  readonly contentType: string;
}

/** A template message: the tenant's approved template id, its `{{key.DATA}}` values, an optional link. */
export interface TemplateMessage {
  readonly openId: string;
  readonly templateId: string;
  readonly data: Readonly<Record<string, string>>;
  readonly url?: string;
}

function stringField(body: Readonly<Record<string, unknown>>, name: string, what: string): string {
  const value = body[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new WechatApiException(WechatApiExceptionCode.Unavailable, `${what} answered without ${name}`, 0);
}

/**
 * The Official Account calls the channel makes: customer-service messages (within the 48-hour window),
 * template messages (outside it), temporary media upload and download.
 */
export class OfficialAccountApi {
  constructor(private readonly http: WechatHttpClient) {}

  async sendText(credential: OaCredential, openId: string, content: string): Promise<void> {
    await this.http.call(
      credential,
      {
        method: 'POST',
        path: '/cgi-bin/message/custom/send',
        json: { touser: openId, msgtype: 'text', text: { content } },
      },
      'custom text message',
    );
  }

  /** Image and voice go as media: upload the file first (`uploadMedia`), then send its media id. */
  async sendMedia(credential: OaCredential, openId: string, type: 'image' | 'voice', mediaId: string): Promise<void> {
    await this.http.call(
      credential,
      {
        method: 'POST',
        path: '/cgi-bin/message/custom/send',
        json: { touser: openId, msgtype: type, [type]: { media_id: mediaId } },
      },
      `custom ${type} message`,
    );
  }

  /** Returns the platform's msgid, which TEMPLATESENDJOBFINISH later reports on. */
  async sendTemplate(credential: OaCredential, message: TemplateMessage): Promise<string> {
    const data = Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }]));
    const body = await this.http.call(
      credential,
      {
        method: 'POST',
        path: '/cgi-bin/message/template/send',
        json: {
          touser: message.openId,
          template_id: message.templateId,
          data,
          ...(message.url ? { url: message.url } : {}),
        },
      },
      'template message',
    );
    return stringField(body, 'msgid', 'template message');
  }

  /** Temporary media (3 days), as the customer-service message needs. */
  async uploadMedia(credential: OaCredential, type: UploadableMediaType, file: MediaFile): Promise<string> {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(file.content)], { type: file.contentType }), file.fileName);
    const body = await this.http.call(
      credential,
      { method: 'POST', path: '/cgi-bin/media/upload', query: { type }, form },
      'media upload',
    );
    return stringField(body, 'media_id', 'media upload');
  }

  downloadMedia(credential: OaCredential, mediaId: string): Promise<BinaryResult> {
    return this.http.download(
      credential,
      { method: 'GET', path: '/cgi-bin/media/get', query: { media_id: mediaId } },
      'media download',
    );
  }
}
