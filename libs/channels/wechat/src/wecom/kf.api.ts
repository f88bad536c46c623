import type { MediaFile, UploadableMediaType } from '../api/official-account.api';
import type { BinaryResult, WechatHttpClient } from '../api/wechat-http.client';
import { WechatApiException, WechatApiExceptionCode } from '../api/wechat-api.exception';
import { KfSyncItemSchema, KfSyncResponseSchema, type KfSyncItem } from './kf-message';

export type WecomCredential = { readonly api: 'wecom'; readonly corpId: string; readonly secret: string };

export interface KfSyncPage {
  readonly items: readonly KfSyncItem[];
  /** Entries that failed validation: counted and reported, never silently skipped. */
  readonly invalid: number;
  readonly nextCursor: string | undefined;
  readonly hasMore: boolean;
}

/** 0 untreated, 1 bot, 2 waiting in the pool, 3 an agent serving, 4 ended (WeCom's numbering). */
export type KfServiceState = 0 | 1 | 2 | 3 | 4;

export const KfServiceStates = { untreated: 0, bot: 1, pool: 2, agent: 3, ended: 4 } as const;

const malformed = (what: string): WechatApiException =>
  new WechatApiException(WechatApiExceptionCode.Unavailable, `${what} answered an unexpected shape`, 0);

/** WeCom 微信客服 calls: pull messages, send, read and change the session state, media. */
export class KfApi {
  constructor(private readonly http: WechatHttpClient) {}

  /** `cursor` and the callback's `syncToken` go together: the token lifts sync_msg's strict frequency limit. */
  async syncMsg(
    credential: WecomCredential,
    request: {
      readonly openKfId: string;
      readonly cursor?: string;
      readonly syncToken?: string;
      readonly limit?: number;
    },
  ): Promise<KfSyncPage> {
    const body = await this.http.call(
      credential,
      {
        method: 'POST',
        path: '/cgi-bin/kf/sync_msg',
        json: {
          open_kfid: request.openKfId,
          limit: request.limit ?? 1000,
          ...(request.cursor ? { cursor: request.cursor } : {}),
          ...(request.syncToken ? { token: request.syncToken } : {}),
        },
      },
      'kf/sync_msg',
    );
    const page = KfSyncResponseSchema.safeParse(body);
    if (!page.success) throw malformed('kf/sync_msg');
    const items: KfSyncItem[] = [];
    let invalid = 0;
    for (const raw of page.data.msg_list ?? []) {
      const item = KfSyncItemSchema.safeParse(raw);
      if (item.success) items.push(item.data);
      else invalid++;
    }
    return { items, invalid, nextCursor: page.data.next_cursor || undefined, hasMore: page.data.has_more === 1 };
  }

  /** `msgid` is ours (≤ 32 chars of [0-9a-zA-Z_-]): WeCom refuses a repeat, which makes a redelivery send once. */
  async sendText(
    credential: WecomCredential,
    message: {
      readonly openKfId: string;
      readonly externalUserId: string;
      readonly content: string;
      readonly msgid?: string;
    },
  ): Promise<string> {
    const body = await this.http.call(
      credential,
      {
        method: 'POST',
        path: '/cgi-bin/kf/send_msg',
        json: {
          touser: message.externalUserId,
          open_kfid: message.openKfId,
          msgtype: 'text',
          text: { content: message.content },
          ...(message.msgid ? { msgid: message.msgid } : {}),
        },
      },
      'kf/send_msg',
    );
    const msgid = body['msgid'];
    if (typeof msgid !== 'string') throw malformed('kf/send_msg');
    return msgid;
  }

  async serviceState(
    credential: WecomCredential,
    session: { readonly openKfId: string; readonly externalUserId: string },
  ): Promise<{ readonly state: KfServiceState; readonly servicerUserId: string | undefined }> {
    const body = await this.http.call(
      credential,
      {
        method: 'POST',
        path: '/cgi-bin/kf/service_state/get',
        json: { open_kfid: session.openKfId, external_userid: session.externalUserId },
      },
      'kf/service_state/get',
    );
    const state = body['service_state'];
    if (state !== 0 && state !== 1 && state !== 2 && state !== 3 && state !== 4)
      throw malformed('kf/service_state/get');
    const servicer = body['servicer_userid'];
    return { state, servicerUserId: typeof servicer === 'string' && servicer !== '' ? servicer : undefined };
  }

  /** An agent takes the conversation (3, with their WeCom userid) or ends it (4). */
  async transferServiceState(
    credential: WecomCredential,
    change: {
      readonly openKfId: string;
      readonly externalUserId: string;
      readonly state: KfServiceState;
      readonly servicerUserId?: string;
    },
  ): Promise<void> {
    await this.http.call(
      credential,
      {
        method: 'POST',
        path: '/cgi-bin/kf/service_state/trans',
        json: {
          open_kfid: change.openKfId,
          external_userid: change.externalUserId,
          service_state: change.state,
          ...(change.servicerUserId ? { servicer_userid: change.servicerUserId } : {}),
        },
      },
      'kf/service_state/trans',
    );
  }

  async uploadMedia(credential: WecomCredential, type: UploadableMediaType | 'file', file: MediaFile): Promise<string> {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(file.content)], { type: file.contentType }), file.fileName);
    const body = await this.http.call(
      credential,
      { method: 'POST', path: '/cgi-bin/media/upload', query: { type }, form },
      'media upload',
    );
    const mediaId = body['media_id'];
    if (typeof mediaId !== 'string') throw malformed('media upload');
    return mediaId;
  }

  downloadMedia(credential: WecomCredential, mediaId: string): Promise<BinaryResult> {
    return this.http.download(
      credential,
      { method: 'GET', path: '/cgi-bin/media/get', query: { media_id: mediaId } },
      'media download',
    );
  }
}
