import {
  AttachmentSchema,
  Channel,
  InboundMessageSchema,
  create,
  timestampFromDate,
  type Attachment,
} from '@switchboard/contracts';
import { wechatConversationKey } from '../conversation-key';
import { clippedText, subjectOf } from '../inbound-text.util';
import { formatWechatMediaRef, mediaContentType, type WechatMediaKind } from '../media-ref';
import type { NormalizedWechatInput, WechatDisposition } from '../normalized-wechat-input';
import { unsupportedNote } from '../official-account/normalize-oa-message';
import { quotedTicketNumberOf } from '../self-service/self-service-command';
import { KF_ORIGIN_CUSTOMER, KF_ORIGIN_SERVICER, type KfSyncItem } from './kf-message';

export interface KfInboundContext {
  readonly tenant: string;
  readonly accountId: string;
  readonly corpId: string;
  readonly messageId: string;
  readonly receivedAt: Date;
}

interface Content {
  readonly text: string;
  readonly attachments: Attachment[];
  readonly metadata: Record<string, string>;
  readonly disposition: WechatDisposition;
}

const contact = { kind: 'contact' } as const;

function media(corpId: string, kind: WechatMediaKind, mediaId: string | undefined, name: string): Attachment[] {
  if (!mediaId) return [];
  const storageRef = formatWechatMediaRef({ api: 'kf', ownerId: corpId, mediaId });
  return [create(AttachmentSchema, { name, contentType: mediaContentType(kind), storageRef })];
}

function eventContent(item: KfSyncItem): Content {
  const event = item.event;
  const type = event?.event_type ?? 'unknown';
  const metadata: Record<string, string> = { wechat_kf_event: type };
  if (event?.scene) metadata['wechat_scene'] = event.scene;
  if (event?.scene_param) metadata['wechat_scene_param'] = event.scene_param;
  if (type === 'msg_send_fail') {
    return {
      text: `[send failed / 发送失败] ${event?.fail_msgid ?? ''}`.trim(),
      attachments: [],
      metadata,
      disposition: {
        kind: 'delivery_report',
        providerMessageId: event?.fail_msgid ?? '',
        delivered: false,
        detail: `fail_type ${event?.fail_type ?? 'unknown'}`,
      },
    };
  }
  return { text: `[${type}]`, attachments: [], metadata, disposition: { kind: 'noise', reason: `kf_event:${type}` } };
}

function contentOf(item: KfSyncItem, corpId: string): Content {
  const base = { attachments: [], metadata: {}, disposition: contact };
  switch (item.msgtype) {
    case 'text':
      return {
        ...base,
        text: item.text?.content ?? '',
        metadata: item.text?.menu_id ? { wechat_menu_id: item.text.menu_id } : {},
      };
    case 'image':
      return {
        ...base,
        text: '[image / 图片]',
        attachments: media(corpId, 'image', item.image?.media_id, `${item.msgid}.jpg`),
      };
    case 'voice':
      return {
        ...base,
        text: '[voice / 语音]',
        attachments: media(corpId, 'voice', item.voice?.media_id, `${item.msgid}.amr`),
      };
    case 'video':
      return {
        ...base,
        text: '[video / 视频]',
        attachments: media(corpId, 'video', item.video?.media_id, `${item.msgid}.mp4`),
      };
    case 'file':
      return { ...base, text: '[file / 文件]', attachments: media(corpId, 'file', item.file?.media_id, item.msgid) };
    case 'location': {
      const where = item.location;
      const label = [where?.name, where?.address].filter(Boolean).join(' ');
      return {
        ...base,
        text: `[location / 位置] ${label} (${where?.latitude ?? ''}, ${where?.longitude ?? ''})`,
        metadata: where ? { wechat_latitude: String(where.latitude), wechat_longitude: String(where.longitude) } : {},
      };
    }
    case 'link':
      return { ...base, text: [item.link?.title, item.link?.desc, item.link?.url].filter(Boolean).join('\n') };
    case 'event':
      return eventContent(item);
    default:
      return { ...base, text: unsupportedNote(item.msgtype), metadata: { wechat_unsupported_type: item.msgtype } };
  }
}

/**
 * A sync_msg entry as the channel's normalized input. The customer is their external_userid (one per
 * corp, the WeCom counterpart of an OpenID, carried in the identity's OpenID field so replies address
 * it), verified: WeCom names them. A servicer's own message (sent from the WeCom client) is noise here.
 */
export function normalizeKfMessage(item: KfSyncItem, ctx: KfInboundContext): NormalizedWechatInput {
  const content = contentOf(item, ctx.corpId);
  const externalUserId = item.external_userid ?? item.event?.external_userid ?? '';
  const disposition: WechatDisposition =
    item.origin === KF_ORIGIN_SERVICER ? { kind: 'noise', reason: 'servicer_message' } : content.disposition;
  const text = clippedText(content.text, 20_000);
  const inbound = create(InboundMessageSchema, {
    messageId: ctx.messageId,
    tenant: ctx.tenant,
    channel: Channel.WECHAT,
    channelMessageId: `kf:${ctx.corpId}:msg:${item.msgid}`,
    conversationKey: wechatConversationKey({ api: 'kf', corpId: ctx.corpId, openKfId: item.open_kfid, externalUserId }),
    customer: { wechatOpenid: externalUserId, verified: externalUserId ? ['wechat_openid'] : [] },
    subject: subjectOf(text),
    bodyText: text,
    attachments: content.attachments,
    hints: { ticketNumber: item.msgtype === 'text' ? (quotedTicketNumberOf(text) ?? '') : '' },
    receivedAt: timestampFromDate(ctx.receivedAt),
    metadata: {
      wechat_api: 'kf',
      wechat_account_id: ctx.accountId,
      wechat_corp_id: ctx.corpId,
      wechat_open_kfid: item.open_kfid,
      wechat_external_userid: externalUserId,
      wechat_msg_type: item.msgtype,
      wechat_send_time: String(item.send_time),
      wechat_origin: String(item.origin),
      ...(item.servicer_userid ? { wechat_servicer_userid: item.servicer_userid } : {}),
      ...content.metadata,
    },
  });
  const opensWindow = item.origin === KF_ORIGIN_CUSTOMER && item.msgtype !== 'event';
  return { inbound, disposition, interaction: opensWindow ? { kind: 'message', at: ctx.receivedAt } : undefined };
}
