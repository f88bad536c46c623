import type { LookupLinker } from '@switchboard/auth';
import { Channel, InboundReceipt_Outcome, type InboundReceipt } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { SmtpSender } from '../smtp/smtp-sender';
import { newMessageId, replyAddressOf } from '../smtp/smtp-sender';
import { newId } from '@switchboard/ids';
import { NO_REPLY_LOCAL_PART } from '../classify/bounce';
import type { AckLimits, AutoAckRepository } from '../store/auto-ack.repository';
import type { EmailMessageRepository } from '../store/email-message.repository';
import type { EmailMessageRecord } from '../store/email-message.repository';
import type { Mailbox } from '../store/mailbox.repository';
import type { RejectedMailRepository } from '../store/rejected-mail.repository';
import type { ReplyTokenRepository } from '../store/reply-token.repository';
import { renderAutoAck } from './auto-ack-template';

export interface HandleReceiptDeps {
  readonly messages: EmailMessageRepository;
  readonly tokens: ReplyTokenRepository;
  readonly acks: AutoAckRepository;
  readonly rejected: RejectedMailRepository;
  readonly smtp: SmtpSender;
  readonly mailboxes: ReadonlyMap<string, Mailbox>;
  readonly ownAddresses: ReadonlySet<string>;
  readonly ackLimits: AckLimits;
  /** Self-service: the signed portal link the acknowledgement carries, when a secret is configured. */
  readonly lookupLink?: LookupLinker;
  readonly log: Logger;
}

/**
 * Acts on the ticket service's answer to one of our inbound mails: remembers its ticket (so replies
 * thread by Message-ID) and, when the mail opened a ticket, acknowledges it with the ticket number.
 * Noise never reaches the ticket service, so auto-replies are never acknowledged. A refused mail is
 * logged and kept in the rejected-mail list with its raw original, so it never silently disappears.
 */
export class HandleReceiptUseCase {
  constructor(private readonly deps: HandleReceiptDeps) {}

  async execute(receipt: InboundReceipt): Promise<void> {
    // A message refused at validation may come back without its channel: it is looked up by id.
    if (receipt.outcome === InboundReceipt_Outcome.REJECTED) return this.rejected(receipt);
    if (receipt.channel !== Channel.EMAIL) return;
    if (receipt.ticketId === '') return;
    const mail = await this.deps.messages.findByInboundMessageId(receipt.messageId);
    if (!mail) return;
    await this.deps.messages.attachTicket(mail.tenantId, mail.messageId, receipt.ticketId, receipt.ticketNumber);
    if (receipt.outcome !== InboundReceipt_Outcome.TICKET_CREATED) return;
    const mailbox = mail.mailboxId ? this.deps.mailboxes.get(mail.mailboxId) : undefined;
    if (!mailbox || !(await this.mayAcknowledge(receipt, mail))) return;
    await this.acknowledge(receipt, mail, mailbox);
  }

  private async rejected(receipt: InboundReceipt): Promise<void> {
    const mail = await this.deps.messages.findByInboundMessageId(receipt.messageId);
    const ids = { tenant: receipt.tenant, messageId: receipt.channelMessageId, reason: receipt.rejectReason };
    if (!mail) {
      if (receipt.channel === Channel.EMAIL) this.deps.log.error(ids, 'refused mail unknown to this channel');
      return;
    }
    await this.deps.rejected.add({
      id: newId(),
      tenantId: mail.tenantId,
      mailboxId: mail.mailboxId,
      uid: mail.uid ?? null,
      messageId: mail.messageId,
      inboundMessageId: receipt.messageId,
      sender: mail.counterpart,
      subject: mail.subject,
      reason: receipt.rejectReason || 'rejected',
      detail: receipt.rejectDetail,
      rawRef: mail.rawRef ?? null,
    });
    this.deps.log.error(
      { ...ids, mailbox: mail.mailboxId, uid: mail.uid, detail: receipt.rejectDetail.slice(0, 300) },
      'mail refused by the ticket service: kept in the rejected-mail list',
    );
  }

  /** Never to ourselves, a no-reply or mailer-daemon address, a mail asking for none, or past the rate limits. */
  private async mayAcknowledge(receipt: InboundReceipt, mail: EmailMessageRecord): Promise<boolean> {
    const local = mail.counterpart.split('@')[0] ?? '';
    const ids = { tenant: receipt.tenant, ticketId: receipt.ticketId, messageId: mail.messageId };
    if (mail.counterpart === '' || this.deps.ownAddresses.has(mail.counterpart)) return false;
    if (mail.noAutoReply === true || NO_REPLY_LOCAL_PART.test(local)) {
      this.deps.log.info(ids, 'acknowledgement skipped: the sender takes no automatic replies');
      return false;
    }
    if (!(await this.deps.acks.claim(mail.tenantId, mail.counterpart, this.deps.ackLimits))) {
      this.deps.log.info(ids, 'acknowledgement skipped: sender or domain rate limit');
      return false;
    }
    return true;
  }

  private async acknowledge(receipt: InboundReceipt, mail: EmailMessageRecord, mailbox: Mailbox): Promise<void> {
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
        // Our own id for the acknowledgement, so a bounce of it is matched and flags the address too.
        outboundMessageId: newId(),
        counterpart: mail.counterpart,
        subject: ack.subject,
        inboundMessageId: null,
        notice: true,
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
