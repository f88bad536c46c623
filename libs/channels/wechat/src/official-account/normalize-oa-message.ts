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
import type { NormalizedWechatInput, WechatDisposition, WechatInteraction } from '../normalized-wechat-input';
import { quotedTicketNumberOf } from '../self-service/self-service-command';
import type { OaMessage } from './oa-message';

export interface OaInboundContext {
  readonly tenant: string;
  /** Our id of the tenant's account (the `/wechat/oa/:accountId` path). */
  readonly accountId: string;
  readonly appId: string;
  /** A fresh UUIDv7 from the adapter. */
  readonly messageId: string;
  readonly receivedAt: Date;
  /** "plain", "compatible" or "safe", kept for audit. */
  readonly mode: string;
}

const MAX_BODY = 20_000;

/** The "unsupported content" note, never a throw: the agent sees that something arrived and what. */
export const unsupportedNote = (rawType: string): string =>
  `[Unsupported WeChat content: ${clippedText(rawType, 60)}. Open the WeChat account to see it. / 暂不支持的微信消息类型]`;

/**
 * WeChat's recommendation: dedupe messages on MsgId, events (which have none) on FromUserName +
 * CreateTime. Scoped to the AppID, since MsgIds are only unique within one account.
 */
export function oaDedupeKey(appId: string, message: OaMessage): string {
  const msgId = 'msgId' in message ? message.msgId : undefined;
  return msgId ? `oa:${appId}:msg:${msgId}` : `oa:${appId}:evt:${message.openId}:${message.createTime}`;
}

function media(appId: string, kind: WechatMediaKind, mediaId: string, name: string, format?: string): Attachment[] {
  if (mediaId === '') return [];
  const storageRef = formatWechatMediaRef({ api: 'oa', ownerId: appId, mediaId });
  return [create(AttachmentSchema, { name, contentType: mediaContentType(kind, format), storageRef })];
}

interface Content {
  readonly text: string;
  readonly attachments: Attachment[];
  readonly metadata: Record<string, string>;
  readonly disposition: WechatDisposition;
  readonly interaction: WechatInteraction['kind'] | undefined;
}

const contact = { kind: 'contact' } as const;

function messageContent(message: Exclude<OaMessage, OaEvent>, appId: string): Content {
  const base = { attachments: [], metadata: {}, disposition: contact, interaction: 'message' as const };
  switch (message.type) {
    case 'text':
      return { ...base, text: message.content, metadata: message.menuId ? { wechat_menu_id: message.menuId } : {} };
    case 'image':
      return {
        ...base,
        text: '[image / 图片]',
        attachments: media(appId, 'image', message.mediaId, `${message.msgId}.jpg`),
        metadata: { wechat_pic_url: message.picUrl },
      };
    case 'voice':
      return {
        ...base,
        text: message.recognition ?? '[voice / 语音]',
        attachments: media(
          appId,
          'voice',
          message.mediaId,
          `${message.msgId}.${message.format || 'amr'}`,
          message.format,
        ),
        metadata: message.recognition ? { wechat_voice_recognition: message.recognition } : {},
      };
    case 'video':
    case 'shortvideo':
      return {
        ...base,
        text: '[video / 视频]',
        attachments: media(appId, 'video', message.mediaId, `${message.msgId}.mp4`),
        metadata: { wechat_thumb_media_id: message.thumbMediaId },
      };
    case 'location':
      return {
        ...base,
        text: `[location / 位置] ${message.label} (${message.latitude}, ${message.longitude})`.trim(),
        metadata: { wechat_latitude: message.latitude, wechat_longitude: message.longitude },
      };
    case 'link':
      return { ...base, text: [message.title, message.description, message.url].filter(Boolean).join('\n') };
    case 'file':
      return {
        ...base,
        text: `[file / 文件] ${message.title}`.trim(),
        attachments: media(appId, 'file', message.mediaId ?? message.fileKey, message.title || message.msgId),
        metadata: { wechat_file_size: message.fileSize },
      };
    case 'unsupported':
      return {
        ...base,
        text: unsupportedNote(message.rawType),
        metadata: { wechat_unsupported_type: message.rawType },
      };
    default:
      return message satisfies never;
  }
}

function eventContent(message: OaEvent): Content {
  const base = { attachments: [], metadata: {}, disposition: contact, interaction: 'message' as const };
  switch (message.type) {
    case 'subscribe':
      return {
        ...base,
        text: '[subscribed / 关注]',
        metadata: message.scene ? { wechat_scene: message.scene } : {},
        disposition: { kind: 'noise', reason: 'subscribe' },
        interaction: 'subscribe',
      };
    case 'unsubscribe':
      return {
        ...base,
        text: '[unsubscribed / 取消关注]',
        disposition: { kind: 'noise', reason: 'unsubscribe' },
        interaction: undefined,
      };
    case 'scan':
      return {
        ...base,
        text: '[QR code scanned / 扫码]',
        metadata: { wechat_scene: message.scene },
        disposition: { kind: 'noise', reason: 'scan' },
        interaction: 'scan',
      };
    case 'click':
      return {
        ...base,
        text: `[menu / 菜单] ${message.menuKey}`,
        metadata: { wechat_menu_key: message.menuKey },
        disposition: { kind: 'menu_click', menuKey: message.menuKey },
        interaction: 'menu_click',
      };
    case 'view':
      return {
        ...base,
        text: `[menu link / 菜单链接] ${message.url}`,
        disposition: { kind: 'noise', reason: 'menu_link' },
        interaction: undefined,
      };
    case 'location_report':
      return {
        ...base,
        text: '[location report / 上报位置]',
        metadata: { wechat_latitude: message.latitude, wechat_longitude: message.longitude },
        disposition: { kind: 'noise', reason: 'location_report' },
        interaction: undefined,
      };
    case 'template_send_finished':
      return {
        ...base,
        text: `[template message ${message.status}]`,
        disposition: {
          kind: 'delivery_report',
          providerMessageId: message.templateMsgId,
          delivered: message.status === 'success',
          detail: message.status,
        },
        interaction: undefined,
      };
    default:
      return message satisfies never;
  }
}

type OaEvent = Extract<OaMessage, { readonly type: (typeof EVENT_TYPES)[number] }>;

const EVENT_TYPES = [
  'subscribe',
  'unsubscribe',
  'scan',
  'click',
  'view',
  'location_report',
  'template_send_finished',
] as const;

const isEvent = (message: OaMessage): message is OaEvent => (EVENT_TYPES as readonly string[]).includes(message.type);

function contentOf(message: OaMessage, appId: string): Content {
  return isEvent(message) ? eventContent(message) : messageContent(message, appId);
}

/** An Official Account callback as the channel's normalized input; every type gives one, never a throw. */
export function normalizeOaMessage(message: OaMessage, ctx: OaInboundContext): NormalizedWechatInput {
  const content = contentOf(message, ctx.appId);
  const text = clippedText(content.text, MAX_BODY);
  const verified = message.unionId ? ['wechat_openid', 'wechat_unionid'] : ['wechat_openid'];
  const inbound = create(InboundMessageSchema, {
    messageId: ctx.messageId,
    tenant: ctx.tenant,
    channel: Channel.WECHAT,
    channelMessageId: oaDedupeKey(ctx.appId, message),
    conversationKey: wechatConversationKey({ api: 'oa', appId: ctx.appId, openId: message.openId }),
    customer: { wechatOpenid: message.openId, wechatUnionid: message.unionId ?? '', verified },
    subject: subjectOf(text),
    bodyText: text,
    attachments: content.attachments,
    hints: { ticketNumber: message.type === 'text' ? (quotedTicketNumberOf(message.content) ?? '') : '' },
    receivedAt: timestampFromDate(ctx.receivedAt),
    metadata: {
      wechat_api: 'oa',
      wechat_account_id: ctx.accountId,
      wechat_app_id: ctx.appId,
      wechat_original_id: message.toUserName,
      wechat_msg_type: message.type,
      wechat_create_time: message.createTime,
      wechat_mode: ctx.mode,
      ...content.metadata,
    },
  });
  const interaction = content.interaction ? { kind: content.interaction, at: ctx.receivedAt } : undefined;
  return { inbound, disposition: content.disposition, interaction };
}
