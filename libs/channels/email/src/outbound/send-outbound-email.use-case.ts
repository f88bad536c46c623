import { join } from 'node:path';
import { DeliveryReport_Status, Topics, type OutboundMessage } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { Transport } from '@switchboard/messaging';
import { messageIdsIn } from '../parse/parse-email';
import { subjectTicketNumberOf } from '../thread/threading-keys';
import { newMessageId, replyAddressOf, type SmtpSender } from '../smtp/smtp-sender';
import type { EmailMessageRepository } from '../store/email-message.repository';
import type { Mailbox } from '../store/mailbox.repository';
import type { ReplyTokenRepository } from '../store/reply-token.repository';
import { deliveryReportRecord } from './delivery-report';

export interface SendOutboundDeps {
  readonly transport: Transport;
  readonly smtp: SmtpSender;
  readonly messages: EmailMessageRepository;
  readonly tokens: ReplyTokenRepository;
  /** The mailboxes watched now, by id (the channel's registry keeps it up to date). */
  readonly mailboxes: ReadonlyMap<string, Mailbox>;
  readonly maxAttempts: number;
  /** The blob store's root: attachments referenced as `file://…` are read from there. */
  readonly blobDir: string;
  readonly initialBackoffMs?: number;
  readonly log: Logger;
}

/** An OutboundMessage that cannot be sent however often it is tried: it goes to the DLQ. */
export class UndeliverableEmailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableEmailError';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** SMTP 5xx answers are final (RFC 5321 §4.2.1): retrying cannot help. */
const isPermanent = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'responseCode' in error && Number(error.responseCode) >= 500;

const subjectWithToken = (subject: string, ticketNumber: string): string =>
  subjectTicketNumberOf(subject) ? subject : `${subject} [#${ticketNumber}]`.trim();

/**
 * Sends an agent's answer as a reply in the customer's thread: our Message-ID (remembered before
 * sending, so replies and bounces find the ticket), In-Reply-To/References of the thread, the ticket
 * token in the subject and a tokenized Reply-To. Retries with backoff; a final failure is reported
 * FAILED on outbound.status.v1 and thrown as UndeliverableEmailError (the consumer dead-letters it).
 */
export class SendOutboundEmailUseCase {
  constructor(private readonly deps: SendOutboundDeps) {}

  async execute(message: OutboundMessage): Promise<void> {
    const mailbox = await this.mailboxFor(message);
    const recipient = message.recipient?.email ?? '';
    if (!mailbox || !recipient) {
      const reason = mailbox ? 'the OutboundMessage has no recipient email' : `no mailbox for tenant ${message.tenant}`;
      await this.report(message, mailbox?.tenantId ?? '', DeliveryReport_Status.FAILED, '', reason);
      throw new UndeliverableEmailError(reason);
    }
    const known = await this.deps.messages.findOutbound(message.messageId);
    const messageId = known?.record.messageId ?? newMessageId(mailbox.settings.address);
    if (known?.sent) {
      // Redelivered after it was sent: report again, never send twice.
      await this.report(message, mailbox.tenantId, DeliveryReport_Status.SENT, messageId);
      return;
    }
    if (!known) await this.remember(message, mailbox, messageId, recipient);
    const error = await this.sendWithRetries(message, mailbox, messageId, recipient);
    if (error) {
      const detail = error instanceof Error ? error.message : JSON.stringify(error);
      await this.report(message, mailbox.tenantId, DeliveryReport_Status.FAILED, messageId, detail);
      throw new UndeliverableEmailError(`sending ${message.messageId} failed: ${detail}`);
    }
    await this.deps.messages.markSent(mailbox.tenantId, messageId);
    await this.report(message, mailbox.tenantId, DeliveryReport_Status.SENT, messageId);
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

  /** Resolves with the last error when every attempt failed, undefined once the server took the mail. */
  private async sendWithRetries(
    message: OutboundMessage,
    mailbox: Mailbox,
    messageId: string,
    recipient: string,
  ): Promise<unknown> {
    const token = await this.deps.tokens.tokenFor({
      tenantId: mailbox.tenantId,
      ticketId: message.ticketId,
      ticketNumber: message.ticketNumber,
      conversationKey: message.conversationKey,
    });
    const references = messageIdsIn([...message.references, message.inReplyTo]);
    const mail = {
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
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.deps.maxAttempts; attempt++) {
      try {
        await this.deps.smtp.send(mailbox, messageId, mail);
        return undefined;
      } catch (error) {
        lastError = error;
        this.deps.log.warn({ err: error, attempt, outboundMessageId: message.messageId }, 'SMTP send failed');
        if (isPermanent(error)) break;
        if (attempt < this.deps.maxAttempts) await sleep((this.deps.initialBackoffMs ?? 500) * 2 ** (attempt - 1));
      }
    }
    return lastError ?? new Error('not attempted');
  }

  private async report(
    message: OutboundMessage,
    tenantId: string,
    status: DeliveryReport_Status.SENT | DeliveryReport_Status.FAILED,
    providerMessageId: string,
    detail = '',
  ): Promise<void> {
    await this.deps.transport.publish(Topics.outboundStatus, [
      deliveryReportRecord(message, tenantId, status, providerMessageId, detail),
    ]);
  }
}
