import { createHash } from 'node:crypto';
import type { InboundSink } from '@switchboard/channel-sdk';
import { Topics, type InboundMessage } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import type { Logger } from '@switchboard/logger';
import type { OutgoingRecord, Transport } from '@switchboard/messaging';
import type { BlobStore } from '@switchboard/blobs';
import type { Bounce } from '../classify/email-classification';
import {
  interpretEmail,
  UnreadableEmailError,
  type InterpretedEmail,
  type InterpretOptions,
} from '../interpret/interpret-email';
import { messageIdsIn } from '../parse/parse-email';
import type { EmailMessageRecord, EmailMessageRepository } from '../store/email-message.repository';
import type { Mailbox } from '../store/mailbox.repository';
import type { RejectedMailRepository, RejectReason } from '../store/rejected-mail.repository';
import type { ReplyTokenRepository } from '../store/reply-token.repository';
import { resolveThread } from '../thread/resolve-thread';
import { BatchMessageIndex } from './batch-message-index';
import { bounceReport } from './bounce-report';
import type { IntakeCounters } from './intake-counters';
import { toInboundMessage } from './to-inbound-message';

export interface FetchedMail {
  readonly uid: number;
  readonly source: Buffer;
}

export interface AcceptMailDeps {
  /** The SDK's ingress: resolves once the messages are on inbound.messages.v1. */
  readonly sink: InboundSink;
  /** Bounces' delivery reports go to outbound.status.v1 directly. */
  readonly transport: Transport;
  readonly messages: EmailMessageRepository;
  readonly tokens: ReplyTokenRepository;
  readonly rejected: RejectedMailRepository;
  readonly interpret: InterpretOptions;
  /** Where each customer mail's raw original is kept (its limit is EMAIL_MAX_MESSAGE_BYTES). */
  readonly raw: BlobStore;
  readonly maxMessageBytes: number;
  readonly counters: IntakeCounters;
  readonly log: Logger;
}

interface Pending {
  readonly inbound: InboundMessage[];
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

/** Sender, subject and Message-ID of a mail too large to parse, read from its first kilobytes. */
function headlinesOf(raw: Buffer): { messageId: string; sender: string; subject: string } {
  const head = raw.subarray(0, 64 * 1024).toString('utf8');
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  return {
    messageId: channelMessageIdOf(messageIdsIn(header('message-id'))[0], raw.subarray(0, 64 * 1024)),
    sender: header('from').slice(0, 300),
    subject: header('subject').slice(0, 300),
  };
}

/**
 * Handles one batch of fetched mails of a mailbox: customer mail is handed to the SDK's ingress (published
 * to inbound.messages.v1, keyed by conversation),
 * bounces of our mail become FAILED or DELAYED delivery reports, noise is logged and counted, and a mail
 * that cannot become a ticket message (no sender, too large) is logged and kept in the rejected-mail
 * list. Resolves only after the broker acknowledged every record, so the caller may advance the cursor.
 */
export class AcceptMailBatchUseCase {
  constructor(private readonly deps: AcceptMailDeps) {}

  async execute(mailbox: Mailbox, mails: readonly FetchedMail[]): Promise<void> {
    const interpreted: Interpreted[] = [];
    for (const mail of mails) {
      if (mail.source.length > this.deps.maxMessageBytes) {
        await this.rejectOversize(mailbox, mail);
        continue;
      }
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
    if (pending.inbound.length > 0) await this.deps.sink.accept(pending.inbound);
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

  private async accept(mailbox: Mailbox, item: Interpreted, pending: Pending): Promise<void> {
    const { mail, email, channelMessageId } = item;
    const ids = { tenant: mailbox.tenantSlug, mailbox: mailbox.id, uid: mail.uid, messageId: channelMessageId };
    switch (email.classification.kind) {
      case 'noise':
        this.deps.counters.add(`noise_${email.classification.reason}`);
        this.deps.log.info({ ...ids, reason: email.classification.reason }, 'mail is automatic: no ticket, no reply');
        return;
      case 'bounce':
        await this.acceptBounce(mailbox, email.classification.bounce, pending, ids);
        return;
      case 'customer':
        break;
    }
    if (pending.ticketed.has(channelMessageId)) {
      // Seen and ticketed before (a UIDVALIDITY re-sync or a re-delivered copy): nothing to publish.
      this.deps.counters.add('already_ticketed');
      this.deps.log.info(ids, 'mail already ticketed: skipped');
      return;
    }
    const raw = await this.deps.raw.put(mail.source);
    if (!email.parsed.from) {
      await this.reject(
        mailbox,
        mail,
        channelMessageId,
        email,
        raw.storageRef,
        'no_sender',
        'the mail has no From address',
      );
      return;
    }
    const message = await this.toMessage(mailbox, item, raw.storageRef, pending.index);
    pending.index.add(this.indexRecord(mailbox, message, email, mail.uid, raw.storageRef));
    pending.inbound.push(message);
    this.deps.counters.add('published');
    if (email.truncated) this.deps.counters.add('truncated');
    this.deps.log.info({ ...ids, inboundMessageId: message.messageId, truncated: email.truncated }, 'mail accepted');
  }

  private async toMessage(
    mailbox: Mailbox,
    { mail, email, channelMessageId }: Interpreted,
    rawRef: string,
    index: BatchMessageIndex,
  ): Promise<InboundMessage> {
    const thread = await resolveThread(mailbox.tenantId, email.keys, channelMessageId, {
      messages: index,
      tokens: this.deps.tokens,
    });
    return toInboundMessage(email, thread, {
      messageId: newId(),
      tenantSlug: mailbox.tenantSlug,
      channelMessageId,
      mailboxAddress: mailbox.settings.address,
      language: mailbox.settings.language,
      receivedAt: new Date(),
      uid: mail.uid,
      rawRef,
    });
  }

  private indexRecord(
    mailbox: Mailbox,
    message: InboundMessage,
    email: InterpretedEmail,
    uid: number,
    rawRef: string,
  ): EmailMessageRecord {
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
      subject: message.subject,
      inboundMessageId: message.messageId,
      uid,
      rawRef,
      noAutoReply: email.classification.kind === 'customer' && email.classification.noAutoReply,
    };
  }

  private async reject(
    mailbox: Mailbox,
    mail: FetchedMail,
    messageId: string,
    email: InterpretedEmail | undefined,
    rawRef: string | null,
    reason: RejectReason,
    detail: string,
    headlines?: { sender: string; subject: string },
  ): Promise<void> {
    await this.deps.rejected.add({
      id: newId(),
      tenantId: mailbox.tenantId,
      mailboxId: mailbox.id,
      uid: mail.uid,
      messageId,
      inboundMessageId: null,
      sender: email?.parsed.from?.address ?? headlines?.sender ?? '',
      subject: email?.parsed.subject ?? headlines?.subject ?? '',
      reason,
      detail,
      rawRef,
    });
    this.deps.counters.add('rejected');
    this.deps.log.error(
      { tenant: mailbox.tenantSlug, mailbox: mailbox.id, uid: mail.uid, messageId, reason },
      'mail rejected: kept in the rejected-mail list',
    );
  }

  private async rejectOversize(mailbox: Mailbox, mail: FetchedMail): Promise<void> {
    const headlines = headlinesOf(mail.source);
    const detail = `${mail.source.length} bytes; the limit is ${this.deps.maxMessageBytes} (EMAIL_MAX_MESSAGE_BYTES). It stays in the mailbox.`;
    await this.reject(mailbox, mail, headlines.messageId, undefined, null, 'message_too_large', detail, headlines);
  }

  private async acceptBounce(
    mailbox: Mailbox,
    bounce: Bounce,
    pending: Pending,
    ids: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    const [sent] = bounce.originalMessageId
      ? await this.deps.messages.findAll(mailbox.tenantId, [bounce.originalMessageId])
      : [];
    if (!sent || sent.direction !== 'outbound' || !sent.outboundMessageId) {
      this.deps.counters.add('bounce_unmatched');
      this.deps.log.warn({ ...ids, recognisedBy: bounce.recognisedBy }, 'bounce for a message we did not send');
      return;
    }
    pending.reports.push(bounceReport(mailbox, sent, bounce));
    this.deps.counters.add(bounce.action === 'delayed' ? 'bounce_delayed' : 'bounce_matched');
    this.deps.log.info({ ...ids, action: bounce.action, recognisedBy: bounce.recognisedBy }, 'bounce matched');
  }
}
