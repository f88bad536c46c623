import {
  Channel,
  OutboundMessageSchema,
  create,
  encodeOutboundMessage,
  type OutboundMessage,
} from '@switchboard/contracts';
import { stableIdOf } from '@switchboard/ids';
import type { OutgoingRecord } from '@switchboard/messaging';

const isChinese = (text: string): boolean => /[\u4e00-\u9fff]/.test(text);

/**
 * The mail that tells the customer an answer is waiting in the portal: the answer itself and a
 * signed link to the conversation, on outbound.email.v1 (the email channel sends it from the tenant's
 * mailbox, and a reply to it threads back onto the ticket). Its id is derived from the answer's,
 * so a redelivered answer mails once.
 */
export function replyNoticeRecord(reply: OutboundMessage, link: string | undefined): OutgoingRecord {
  const zh = isChinese(`${reply.subject}${reply.bodyText}`);
  const notice = create(OutboundMessageSchema, {
    ...reply,
    messageId: stableIdOf(`web-reply-notice:${reply.messageId}`),
    channel: Channel.EMAIL,
    subject: reply.subject,
    bodyText: zh
      ? `您的工单 ${reply.ticketNumber} 有新的回复：\n\n${reply.bodyText}${link ? `\n\n在线查看并回复：${link}` : ''}`
      : `There is a new answer on your ticket ${reply.ticketNumber}:\n\n${reply.bodyText}${link ? `\n\nRead and answer it online: ${link}` : ''}`,
    bodyHtml: '',
  });
  return { key: reply.conversationKey, value: encodeOutboundMessage(notice) };
}
