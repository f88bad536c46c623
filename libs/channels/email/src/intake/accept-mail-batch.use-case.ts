import { createHash } from 'node:crypto';
import {
  Channel,
  DeliveryReport_Status,
  DeliveryReportSchema,
  Headers,
  Topics,
  create,
  encodeDeliveryReport,
  encodeInboundMessage,
  timestampFromDate,
  type InboundMessage,
} from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import type { Logger } from '@switchboard/logger';
import type { OutgoingRecord, Transport } from '@switchboard/messaging';
import type { Bounce } from '../classify/email-classification';
import {
  interpretEmail,
  UnreadableEmailError,
  type InterpretedEmail,
  type InterpretOptions,
} from '../interpret/interpret-email';
import type { EmailMessageRecord, EmailMessageRepository } from '../store/email-message.repository';
import type { Mailbox } from '../store/mailbox.repository';
import type { ReplyTokenRepository } from '../store/reply-token.repository';
import { resolveThread } from '../thread/resolve-thread';
import { BatchMessageIndex } from './batch-message-index';
import type { IntakeCounters } from './intake-counters';
import { toInboundMessage } from './to-inbound-message';

export interface FetchedMail {
  readonly uid: number;
  readonly source: Buffer;
}

export interface AcceptMailDeps {
  readonly transport: Transport;
  readonly messages: EmailMessageRepository;
  readonly tokens: ReplyTokenRepository;
  readonly interpret: InterpretOptions;
  readonly counters: IntakeCounters;
  readonly log: Logger;
}

interface Pending {
  readonly inbound: OutgoingRecord[];
  readonly reports: OutgoingRecord[];
  readonly index: BatchMessageIndex;
  /** Mails of this batch the ticket service already has a ticket for. */
  readonly ticketed: ReadonlySet<string>;
}

interface Interpreted {
  readonly mail: FetchedMail;
  readonly email: InterpretedEmail;
  readonly channelMessageId: string;
}

/** A mail without a usable Message-ID is known by its bytes, so fetching it twice is still one message. */
const channelMessageIdOf = (messageId: string | undefined, raw: Buffer): string =>
  messageId ?? `<sha256-${createHash('sha256').update(raw).digest('hex')}@switchboard.invalid>`;

/**
 * Handles one batch of fetched mails of a mailbox: customer mail is published to inbound.messages.v1,
 * bounces of our mail become FAILED delivery reports, noise is logged and counted. Resolves only after
 * the broker acknowledged every record, so the caller may then advance the mailbox cursor.
 */
export class AcceptMailBatchUseCase {
  constructor(private readonly deps: AcceptMailDeps) {}

  async execute(mailbox: Mailbox, mails: readonly FetchedMail[]): Promise<void> {
    const interpreted: Interpreted[] = [];
    for (const mail of mails) {
      const email = await this.interpret(mailbox, mail);
      if (email)
        interpreted.push({ mail, email, channelMessageId: channelMessageIdOf(email.parsed.messageId, mail.source) });
    }
    const customerIds = interpreted
      .filter((i) => i.email.classification.kind === 'customer')
      .map((i) => i.channelMessageId);
    const known = await this.deps.messages.findAll(mailbox.tenantId, customerIds);
    const pending: Pending = {
      inbound: [],
      reports: [],
      index: new BatchMessageIndex(this.deps.messages),
      ticketed: new Set(known.filter((r) => r.ticketId !== null).map((r) => r.messageId)),
    };
    for (const item of interpreted) await this.accept(mailbox, item, pending);
    await this.deps.messages.record(pending.index.records);
    if (pending.inbound.length > 0) await this.deps.transport.publish(Topics.inboundMessages, pending.inbound);
    if (pending.reports.length > 0) await this.deps.transport.publish(Topics.outboundStatus, pending.reports);
  }

  /**
   * A message mailparser cannot read would block its mailbox forever if it failed the batch: it is
   * logged with its UID (it stays in the mailbox) and counted. Anything else, such as a blob store
   * write error, fails the batch so it is fetched again.
   */
  private async interpret(mailbox: Mailbox, mail: FetchedMail): Promise<InterpretedEmail | undefined> {
    try {
      return await interpretEmail(mail.source, this.deps.interpret);
    } catch (error) {
      if (!(error instanceof UnreadableEmailError)) throw error;
      this.deps.counters.add('unreadable');
      this.deps.log.error(
        { err: error, tenant: mailbox.tenantSlug, mailbox: mailbox.id, uid: mail.uid },
        'unreadable mail skipped',
      );
      return undefined;
    }
  }

  private async accept(
    mailbox: Mailbox,
    { mail, email, channelMessageId }: Interpreted,
    pending: Pending,
  ): Promise<void> {
    const ids = { tenant: mailbox.tenantSlug, mailbox: mailbox.id, uid: mail.uid };
    switch (email.classification.kind) {
      case 'noise':
        this.deps.counters.add(`noise_${email.classification.reason}`);
        this.deps.log.info({ ...ids, reason: email.classification.reason }, 'mail is automatic: no ticket, no reply');
        return;
      case 'bounce':
        await this.acceptBounce(mailbox, email.classification.bounce, pending);
        return;
      case 'customer':
        break;
    }
    if (pending.ticketed.has(channelMessageId)) {
      // Seen and ticketed before (a UIDVALIDITY re-sync or a re-delivered copy): nothing to publish.
      this.deps.counters.add('already_ticketed');
      return;
    }
    const thread = await resolveThread(mailbox.tenantId, email.keys, channelMessageId, {
      messages: pending.index,
      tokens: this.deps.tokens,
    });
    const message = toInboundMessage(email, thread, {
      messageId: newId(),
      tenantSlug: mailbox.tenantSlug,
      channelMessageId,
      mailboxAddress: mailbox.settings.address,
      receivedAt: new Date(),
    });
    pending.index.add(this.indexRecord(mailbox, message, email.parsed.subject));
    pending.inbound.push({
      key: message.conversationKey,
      value: encodeInboundMessage(message),
      headers: { [Headers.tenantId]: mailbox.tenantId },
    });
    this.deps.counters.add('published');
  }

  private indexRecord(mailbox: Mailbox, message: InboundMessage, subject: string): EmailMessageRecord {
    return {
      tenantId: mailbox.tenantId,
      messageId: message.channelMessageId,
      direction: 'inbound',
      mailboxId: mailbox.id,
      conversationKey: message.conversationKey,
      ticketNumber: null,
      ticketId: null,
      outboundMessageId: null,
      counterpart: message.customer?.email ?? '',
      subject,
      inboundMessageId: message.messageId,
    };
  }

  private async acceptBounce(mailbox: Mailbox, bounce: Bounce, pending: Pending): Promise<void> {
    const [sent] = bounce.originalMessageId
      ? await this.deps.messages.findAll(mailbox.tenantId, [bounce.originalMessageId])
      : [];
    if (!sent || sent.direction !== 'outbound' || !sent.outboundMessageId) {
      this.deps.counters.add('bounce_unmatched');
      this.deps.log.warn({ tenant: mailbox.tenantSlug, mailbox: mailbox.id }, 'bounce for a message we did not send');
      return;
    }
    const report = create(DeliveryReportSchema, {
      messageId: sent.outboundMessageId,
      tenant: mailbox.tenantSlug,
      channel: Channel.EMAIL,
      ticketId: sent.ticketId ?? '',
      status: DeliveryReport_Status.FAILED,
      detail: [bounce.status, bounce.diagnostic].filter(Boolean).join(' ').slice(0, 1_000),
      recipient: bounce.failedRecipient ?? sent.counterpart,
      providerMessageId: sent.messageId,
      occurredAt: timestampFromDate(new Date()),
    });
    pending.reports.push({
      key: report.ticketId,
      value: encodeDeliveryReport(report),
      headers: { [Headers.tenantId]: mailbox.tenantId },
    });
    this.deps.counters.add('bounce_matched');
  }
}
