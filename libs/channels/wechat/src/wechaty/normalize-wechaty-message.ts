import {
  AttachmentSchema,
  Channel,
  InboundMessageSchema,
  create,
  timestampFromDate,
  type Attachment,
} from '@switchboard/contracts';
import { types, type payloads } from 'wechaty-puppet';
import { wechatConversationKey } from '../conversation-key';
import { clippedText, subjectOf } from '../inbound-text.util';
import { formatWechatMediaRef } from '../media-ref';
import type { NormalizedWechatInput, WechatDisposition } from '../normalized-wechat-input';
import { unsupportedNote } from '../official-account/normalize-oa-message';
import { quotedTicketNumberOf } from '../self-service/self-service-command';

export interface WechatyInboundContext {
  readonly tenant: string;
  /** Our id of the bot account (its config entry). */
  readonly botId: string;
  /** The logged-in account's contact id: its own messages are not customers'. */
  readonly selfId: string | undefined;
  readonly messageId: string;
  readonly receivedAt: Date;
}

const MEDIA: Partial<Record<types.Message, { readonly note: string; readonly contentType: string }>> = {
  [types.Message.Image]: { note: '[image / 图片]', contentType: 'image/jpeg' },
  [types.Message.Audio]: { note: '[voice / 语音]', contentType: 'audio/silk' },
  [types.Message.Video]: { note: '[video / 视频]', contentType: 'video/mp4' },
  [types.Message.Attachment]: { note: '[file / 文件]', contentType: 'application/octet-stream' },
};

function content(message: payloads.Message, ctx: WechatyInboundContext) {
  const media = MEDIA[message.type];
  if (message.type === types.Message.Text) return { text: message.text ?? '', attachments: [] as Attachment[] };
  if (media) {
    const storageRef = formatWechatMediaRef({ api: 'bot', ownerId: ctx.botId, mediaId: message.id });
    const name = message.filename ?? message.id;
    return {
      text: `${media.note} ${message.filename ?? ''}`.trim(),
      attachments: [create(AttachmentSchema, { name, contentType: media.contentType, storageRef })],
    };
  }
  return {
    text: unsupportedNote(types.Message[message.type] ?? String(message.type)),
    attachments: [] as Attachment[],
  };
}

function dispositionOf(message: payloads.Message, ctx: WechatyInboundContext): WechatDisposition {
  // Group chats are not support conversations, and the bot's own messages (from another device) are not the customer's.
  if (message.roomId) return { kind: 'noise', reason: 'room_message' };
  if (ctx.selfId !== undefined && message.talkerId === ctx.selfId) return { kind: 'noise', reason: 'own_message' };
  if (message.type === types.Message.Recalled) return { kind: 'noise', reason: 'recalled' };
  return { kind: 'contact' };
}

/**
 * A personal-account message seen by a Wechaty puppet, normalized like the platform's callbacks. The
 * contact id is the puppet's (wxid_… on the iPad/PC protocols), carried in the OpenID field, not
 * verified: a bot is not a signed platform callback, so it links to customers only through ids the
 * ticket service already verified.
 */
export function normalizeWechatyMessage(
  message: payloads.Message,
  talker: Pick<payloads.Contact, 'id' | 'name'> | undefined,
  ctx: WechatyInboundContext,
): NormalizedWechatInput {
  const { text: raw, attachments } = content(message, ctx);
  const text = clippedText(raw, 20_000);
  const disposition = dispositionOf(message, ctx);
  const inbound = create(InboundMessageSchema, {
    messageId: ctx.messageId,
    tenant: ctx.tenant,
    channel: Channel.WECHAT,
    channelMessageId: `bot:${ctx.botId}:msg:${message.id}`,
    conversationKey: wechatConversationKey({ api: 'bot', botId: ctx.botId, contactId: message.talkerId }),
    customer: { wechatOpenid: message.talkerId, name: clippedText(talker?.name ?? '', 200), verified: [] },
    subject: subjectOf(text),
    bodyText: text,
    attachments,
    hints: { ticketNumber: message.type === types.Message.Text ? (quotedTicketNumberOf(text) ?? '') : '' },
    receivedAt: timestampFromDate(ctx.receivedAt),
    metadata: {
      wechat_api: 'bot',
      wechat_bot_id: ctx.botId,
      wechat_msg_type: types.Message[message.type] ?? String(message.type),
      wechat_sent_at: String(message.timestamp),
      ...(message.roomId ? { wechat_room_id: message.roomId } : {}),
    },
  });
  return {
    inbound,
    disposition,
    interaction: disposition.kind === 'contact' ? { kind: 'message', at: ctx.receivedAt } : undefined,
  };
}
