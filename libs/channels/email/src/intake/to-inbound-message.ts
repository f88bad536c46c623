import { Channel, InboundMessageSchema, create, timestampFromDate, type InboundMessage } from '@switchboard/contracts';
import type { InterpretedEmail } from '../interpret/interpret-email';
import type { ResolvedThread } from '../thread/resolve-thread';

export interface InboundContext {
  readonly messageId: string;
  readonly tenantSlug: string;
  readonly channelMessageId: string;
  readonly mailboxAddress: string;
  readonly language: 'en' | 'zh-CN';
  /** When we took the mail from the mailbox: the message's time everywhere. */
  readonly receivedAt: Date;
  readonly uid: number;
  /** The raw original in the blob store. */
  readonly rawRef: string;
}

/** The ticket's subject when the mail has none, in the mailbox's language. */
export const NO_SUBJECT: Readonly<Record<InboundContext['language'], string>> = {
  en: '(no subject)',
  'zh-CN': '（无主题）',
};

/**
 * The InboundMessage for a customer's mail. The From address is unverified: anyone can write it. So can
 * the Date header: it is kept as sent_at, never used for ordering (a forged or skewed one once made a
 * ticket "created" in 2000 and a reopen recorded before the resolve it undid); received_at is our clock.
 */
export function toInboundMessage(email: InterpretedEmail, thread: ResolvedThread, ctx: InboundContext): InboundMessage {
  const { parsed } = email;
  return create(InboundMessageSchema, {
    messageId: ctx.messageId,
    tenant: ctx.tenantSlug,
    channel: Channel.EMAIL,
    channelMessageId: ctx.channelMessageId,
    conversationKey: thread.conversationKey,
    customer: { email: parsed.from?.address ?? '', name: parsed.from?.name ?? '', verified: [] },
    subject: (parsed.subject || NO_SUBJECT[ctx.language]).slice(0, 500),
    bodyText: email.shownText,
    bodyHtml: email.safeHtml ?? '',
    attachments: email.attachments.map((a) => ({
      name: a.name,
      contentType: a.contentType,
      sizeBytes: BigInt(a.sizeBytes),
      sha256: a.sha256,
      storageRef: a.storageRef,
      inline: a.inline,
      contentId: a.contentId ?? '',
    })),
    inReplyTo: parsed.inReplyTo ?? '',
    references: [...parsed.references],
    hints: { ticketNumber: thread.ticketNumber },
    receivedAt: timestampFromDate(ctx.receivedAt),
    ...(parsed.date ? { sentAt: timestampFromDate(parsed.date) } : {}),
    metadata: {
      email_mailbox: ctx.mailboxAddress,
      email_thread_match: thread.matchedBy,
      email_uid: String(ctx.uid),
      email_raw_ref: ctx.rawRef,
      ...(parsed.messageId ? { email_message_id: parsed.messageId } : {}),
      ...(parsed.date ? { email_sent_at: parsed.date.toISOString() } : {}),
      ...(email.fullText !== email.shownText ? { email_full_text: email.fullText.slice(0, 100_000) } : {}),
      ...(email.truncated ? { email_truncated: `${email.truncated.shownChars}/${email.truncated.totalChars}` } : {}),
    },
  });
}
