import { Channel, InboundMessageSchema, create, timestampFromDate, type InboundMessage } from '@switchboard/contracts';
import type { InterpretedEmail } from '../interpret/interpret-email';
import type { ResolvedThread } from '../thread/resolve-thread';

export interface InboundContext {
  readonly messageId: string;
  readonly tenantSlug: string;
  readonly channelMessageId: string;
  readonly mailboxAddress: string;
  readonly receivedAt: Date;
}

/** The InboundMessage for a customer's mail. The From address is unverified: anyone can write it. */
export function toInboundMessage(email: InterpretedEmail, thread: ResolvedThread, ctx: InboundContext): InboundMessage {
  const { parsed } = email;
  return create(InboundMessageSchema, {
    messageId: ctx.messageId,
    tenant: ctx.tenantSlug,
    channel: Channel.EMAIL,
    channelMessageId: ctx.channelMessageId,
    conversationKey: thread.conversationKey,
    customer: { email: parsed.from?.address ?? '', name: parsed.from?.name ?? '', verified: [] },
    subject: parsed.subject.slice(0, 500),
    bodyText: email.shownText,
    bodyHtml: email.safeHtml ?? '',
    attachments: email.attachments.map((a) => ({
      name: a.name,
      contentType: a.contentType,
      sizeBytes: BigInt(a.sizeBytes),
      sha256: a.sha256,
      storageRef: a.storageRef,
    })),
    inReplyTo: parsed.inReplyTo ?? '',
    references: [...parsed.references],
    hints: { ticketNumber: thread.ticketNumber },
    receivedAt: timestampFromDate(parsed.date && parsed.date < ctx.receivedAt ? parsed.date : ctx.receivedAt),
    metadata: {
      email_mailbox: ctx.mailboxAddress,
      email_thread_match: thread.matchedBy,
      ...(parsed.messageId ? { email_message_id: parsed.messageId } : {}),
      ...(email.fullText !== email.shownText ? { email_full_text: email.fullText.slice(0, 100_000) } : {}),
    },
  });
}
