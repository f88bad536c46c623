import { textOf, type XmlElement } from '../xml/safe-xml';

/**
 * The callback a WeCom customer-service account receives (decrypted): no message in it, only a
 * notice that there are messages, with a short-lived token (10 minutes) for `kf/sync_msg`.
 */
export interface KfCallbackNotice {
  readonly corpId: string;
  readonly openKfId: string;
  readonly syncToken: string;
  readonly createTime: string;
}

/** The kf notice in a decrypted WeCom callback, or undefined for another event (not ours to act on). */
export function readKfCallback(xml: XmlElement): KfCallbackNotice | undefined {
  if (textOf(xml, 'MsgType') !== 'event' || textOf(xml, 'Event') !== 'kf_msg_or_event') return undefined;
  const syncToken = textOf(xml, 'Token') ?? '';
  const openKfId = textOf(xml, 'OpenKfId') ?? '';
  if (syncToken === '' || openKfId === '') return undefined;
  return { corpId: textOf(xml, 'ToUserName') ?? '', openKfId, syncToken, createTime: textOf(xml, 'CreateTime') ?? '' };
}
