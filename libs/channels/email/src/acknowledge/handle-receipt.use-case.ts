import type { LookupLinker } from '@switchboard/auth';
import { Channel, InboundReceipt_Outcome, type InboundReceipt } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { SmtpSender } from '../smtp/smtp-sender';
import { newMessageId, replyAddressOf } from '../smtp/smtp-sender';
import type { AutoAckRepository } from '../store/auto-ack.repository';
import type { EmailMessageRepository } from '../store/email-message.repository';
import type { Mailbox } from '../store/mailbox.repository';
import type { ReplyTokenRepository } from '../store/reply-token.repository';
import { renderAutoAck } from './auto-ack-template';

export interface HandleReceiptDeps {
  readonly messages: EmailMessageRepository;
  readonly tokens: ReplyTokenRepository;
  readonly acks: AutoAckRepository;
  readonly smtp: SmtpSender;
  readonly mailboxes: ReadonlyMap<string, Mailbox>;
  readonly ownAddresses: ReadonlySet<string>;
  readonly ackPerSenderPerHour: number;
  /** Self-service: the signed portal link the acknowledgement carries, when a secret is configured. */
  readonly lookupLink?: LookupLinker;
  readonly log: Logger;
}

/**
 * Acts on the ticket service's answer to one of our inbound mails: remembers its ticket (so replies
 * thread by Message-ID) and, when the mail opened a ticket, acknowledges it with the ticket number.
 * Noise never reaches the ticket service, so auto-replies are never acknowledged.
 */
export class HandleReceiptUseCase {
  constructor(private readonly deps: HandleReceiptDeps) {}

  async execute(receipt: InboundReceipt): Promise<void> {
    if (receipt.channel !== Channel.EMAIL || receipt.ticketId === '') return;
    const mail = await this.deps.messages.findByInboundMessageId(receipt.messageId);
    if (!mail) return;
    await this.deps.messages.attachTicket(mail.tenantId, mail.messageId, receipt.ticketId, receipt.ticketNumber);
    if (receipt.outcome !== InboundReceipt_Outcome.TICKET_CREATED) return;
    const mailbox = mail.mailboxId ? this.deps.mailboxes.get(mail.mailboxId) : undefined;
    if (!mailbox || mail.counterpart === '' || this.deps.ownAddresses.has(mail.counterpart)) return;
    if (!(await this.deps.acks.claim(mail.tenantId, mail.counterpart, this.deps.ackPerSenderPerHour))) {
      this.deps.log.info(
        { tenant: receipt.tenant, ticketId: receipt.ticketId },
        'acknowledgement skipped: sender rate limit',
      );
      return;
    }
    const conversationKey = mail.conversationKey;
    const token = await this.deps.tokens.tokenFor({
      tenantId: mail.tenantId,
      ticketId: receipt.ticketId,
      ticketNumber: receipt.ticketNumber,
      conversationKey,
    });
    const signature = mailbox.settings.displayName || mailbox.settings.address;
    const link = this.deps.lookupLink?.(receipt.tenant, receipt.ticketNumber);
    const ack = renderAutoAck(mailbox.settings.language, receipt.ticketNumber, mail.subject, signature, link);
    const messageId = newMessageId(mailbox.settings.address);
    await this.deps.messages.record([
      {
        tenantId: mail.tenantId,
        messageId,
        direction: 'outbound',
        mailboxId: mailbox.id,
        conversationKey,
        ticketNumber: receipt.ticketNumber,
        ticketId: receipt.ticketId,
        outboundMessageId: null,
        counterpart: mail.counterpart,
        subject: ack.subject,
        inboundMessageId: null,
      },
    ]);
    try {
      await this.deps.smtp.send(mailbox, messageId, {
        to: mail.counterpart,
        subject: ack.subject,
        text: ack.text,
        inReplyTo: mail.messageId,
        references: [mail.messageId],
        replyTo: replyAddressOf(mailbox.settings.address, token),
        // RFC 3834: marks it automatic, so a well-behaved responder on the other side stays quiet.
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
      });
    } catch (error) {
      // An acknowledgement is a courtesy: its failure must not hold back the receipts behind it.
      this.deps.log.warn(
        { err: error, tenant: receipt.tenant, ticketId: receipt.ticketId },
        'acknowledgement not sent',
      );
    }
  }
}
