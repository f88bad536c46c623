/**
 * Inbound media arrive as platform media ids, fetched later through the media endpoint (OA media ids
 * live 3 days). Until the adapter has fetched a file into the blob store, the attachment's storage_ref
 * is this reference: `wechat-media:<oa|kf|bot>/<appId, corpId or botId>/<mediaId>` (a bot's media id is
 * the message id: the puppet's `messageFile`).
 */
export interface WechatMediaRef {
  readonly api: 'oa' | 'kf' | 'bot';
  /** The AppID (Official Account), corp id (WeCom) or bot id (Wechaty) that reads the media. */
  readonly ownerId: string;
  readonly mediaId: string;
}

const PREFIX = 'wechat-media:';

export function formatWechatMediaRef(ref: WechatMediaRef): string {
  return `${PREFIX}${ref.api}/${encodeURIComponent(ref.ownerId)}/${encodeURIComponent(ref.mediaId)}`;
}

export function parseWechatMediaRef(storageRef: string): WechatMediaRef | undefined {
  if (!storageRef.startsWith(PREFIX)) return undefined;
  const [api, ownerId, mediaId, ...rest] = storageRef.slice(PREFIX.length).split('/');
  if ((api !== 'oa' && api !== 'kf' && api !== 'bot') || !ownerId || !mediaId || rest.length > 0) return undefined;
  return { api, ownerId: decodeURIComponent(ownerId), mediaId: decodeURIComponent(mediaId) };
}

/** MIME types of WeChat's media kinds; voice is AMR or Speex as `Format` says. */
export type WechatMediaKind = 'image' | 'voice' | 'video' | 'file';

export function mediaContentType(kind: WechatMediaKind, format?: string): string {
  switch (kind) {
    case 'image':
      return 'image/jpeg';
    case 'voice':
      return format === 'speex' ? 'audio/speex' : format === 'silk' ? 'audio/silk' : 'audio/amr';
    case 'video':
      return 'video/mp4';
    case 'file':
      return 'application/octet-stream';
    default:
      return kind satisfies never;
  }
}
