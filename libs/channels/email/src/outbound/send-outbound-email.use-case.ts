import { join } from 'node:path';
import {
  PermanentDeliveryError,
  ProviderDeliveryError,
  type DeliveryAttempt,
  type DeliveryOutcome,
} from '@switchboard/channel-sdk';
import { DeliveryReport_Status, type OutboundMessage } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import { messageIdsIn } from '../parse/parse-email';
import { subjectTicketNumberOf } from '../thread/threading-keys';
import { newMessageId, replyAddressOf, type OutgoingMail, type SmtpSender } from '../smtp/smtp-sender';
import type { EmailMessageRepository } from '../store/email-message.repository';
import type { Mailbox } from '../store/mailbox.repository';
import type { ReplyTokenRepository } from '../store/reply-token.repository';

export interface SendOutboundDeps {
  readonly smtp: SmtpSender;
  readonly messages: EmailMessageRepository;
  readonly tokens: ReplyTokenRepository;
  /** The mailboxes watched now, by id (the channel's registry keeps it up to date). */
  readonly mailboxes: ReadonlyMap<string, Mailbox>;
  /** The blob store's root: attachments referenced as `file://…` are read from there. */
  readonly blobDir: string;
  readonly log: Logger;
}

/** SMTP 5xx answers are final (RFC 5321 §4.2.1): retrying cannot help. */
const smtpCodeOf = (error: unknown): number =>
  typeof error === 'object' && error !== null && 'responseCode' in error ? Number(error.responseCode) : 0;

/** nodemailer's errors may come from another realm (instanceof Error fails under a VM): read the field. */
const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
    ? error.message
    : JSON.stringify(error);

const subjectWithToken = (subject: string, ticketNumber: string): string =>
  subjectTicketNumberOf(subject) ? subject : `${subject} [#${ticketNumber}]`.trim();

/**
 * One delivery attempt of an agent's answer, as a reply in the customer's thread: our Message-ID
 * (remembered before the first attempt, so replies and bounces find the ticket, and every retry sends
 * the same message), In-Reply-To/References of the thread, the ticket token in the subject and a
 * tokenized Reply-To. The `sent_at` mark is the idempotency guard: an answer redelivered after it was
 * sent is reported SENT again, never mailed twice. The SDK's outbound consumer retries a failed
 * attempt with backoff, then dead-letters it with a FAILED report: a 5xx answer is final
 * (PermanentDeliveryError), anything the server or the network did otherwise is a ProviderDeliveryError.
 */
export class SendOutboundEmailUseCase {
  constructor(private readonly deps: SendOutboundDeps) {}

  async execute(message: OutboundMessage, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    const mailbox = await this.mailboxFor(message);
    const recipient = message.recipient?.email ?? '';
    if (!mailbox || !recipient)
      throw new PermanentDeliveryError(
        mailbox ? 'the OutboundMessage has no recipient email' : `no mailbox for tenant ${message.tenant}`,
      );
    const known = await this.deps.messages.findOutbound(message.messageId);
    const messageId = known?.record.messageId ?? newMessageId(mailbox.settings.address);
    // Redelivered after it was sent: report again, never send twice.
    if (known?.sent) return { status: DeliveryReport_Status.SENT, providerMessageId: messageId };
    if (!known) await this.remember(message, mailbox, messageId, recipient);
    const mail = await this.mailOf(message, mailbox, recipient);
    try {
      await this.deps.smtp.send(mailbox, messageId, mail);
    } catch (error) {
      const detail = messageOf(error);
      this.deps.log.warn(
        { err: error, attempt: attempt.attempt, outboundMessageId: message.messageId },
        'SMTP send failed',
      );
      // No `cause`: the SMTP server's ECONNREFUSED must not read as an outage of our own side.
      if (smtpCodeOf(error) >= 500) throw new PermanentDeliveryError(detail, messageId);
      throw new ProviderDeliveryError(detail, messageId);
    }
    await this.deps.messages.markSent(mailbox.tenantId, messageId);
    return { status: DeliveryReport_Status.SENT, providerMessageId: messageId };
  }

  private async mailboxFor(message: OutboundMessage): Promise<Mailbox | undefined> {
    const ofTenant = [...this.deps.mailboxes.values()].filter((m) => m.tenantSlug === message.tenant);
    const first = ofTenant[0];
    if (!first) return undefined;
    const used = await this.deps.messages.mailboxOfConversation(first.tenantId, message.conversationKey);
    return ofTenant.find((m) => m.id === used) ?? first;
  }

  private async remember(
    message: OutboundMessage,
    mailbox: Mailbox,
    messageId: string,
    recipient: string,
  ): Promise<void> {
    await this.deps.messages.record([
      {
        tenantId: mailbox.tenantId,
        messageId,
        direction: 'outbound',
        mailboxId: mailbox.id,
        conversationKey: message.conversationKey,
        ticketNumber: message.ticketNumber,
        ticketId: message.ticketId,
        outboundMessageId: message.messageId,
        counterpart: recipient,
        subject: message.subject,
        inboundMessageId: null,
      },
    ]);
  }

  private async mailOf(message: OutboundMessage, mailbox: Mailbox, recipient: string): Promise<OutgoingMail> {
    const token = await this.deps.tokens.tokenFor({
      tenantId: mailbox.tenantId,
      ticketId: message.ticketId,
      ticketNumber: message.ticketNumber,
      conversationKey: message.conversationKey,
    });
    const references = messageIdsIn([...message.references, message.inReplyTo]);
    return {
      to: message.recipient?.name ? `"${message.recipient.name.replace(/"/g, '')}" <${recipient}>` : recipient,
      subject: subjectWithToken(message.subject, message.ticketNumber),
      text: message.bodyText,
      ...(message.bodyHtml ? { html: message.bodyHtml } : {}),
      ...(messageIdsIn(message.inReplyTo)[0] ? { inReplyTo: messageIdsIn(message.inReplyTo)[0] } : {}),
      references,
      replyTo: replyAddressOf(mailbox.settings.address, token),
      attachments: message.attachments
        .filter((a) => a.storageRef.startsWith('file://'))
        .map((a) => ({
          filename: a.name,
          contentType: a.contentType,
          path: join(this.deps.blobDir, a.storageRef.slice('file://'.length)),
        })),
    };
  }
}
