import { Topics } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import type { Subscription, Transport } from '@switchboard/messaging';
import { HandleReceiptUseCase } from './acknowledge/handle-receipt.use-case';
import { receiptConsumer } from './acknowledge/receipt-consumer';
import { LocalBlobStore } from './blobs/blob-store';
import type { EmailChannelConfig } from './config/email-channel.config';
import { MailboxWatcher } from './imap/mailbox-watcher';
import { AcceptMailBatchUseCase } from './intake/accept-mail-batch.use-case';
import { IntakeCounters } from './intake/intake-counters';
import { outboundConsumer } from './outbound/outbound-consumer';
import { SendOutboundEmailUseCase } from './outbound/send-outbound-email.use-case';
import { SmtpSender } from './smtp/smtp-sender';
import { AutoAckRepository } from './store/auto-ack.repository';
import { EmailMessageRepository } from './store/email-message.repository';
import { MailboxCursorRepository } from './store/mailbox-cursor.repository';
import { MailboxRegistry } from './mailboxes/mailbox-registry';
import { MailboxRepository, type Mailbox } from './store/mailbox.repository';
import { ReplyTokenRepository } from './store/reply-token.repository';
import type { SqlClient } from './store/sql-client';

export interface EmailChannelDeps {
  readonly db: SqlClient;
  readonly transport: Transport;
  readonly config: EmailChannelConfig;
  /** Where mailbox passwords given as `passwordEnv` are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Kafka consumer group prefix; one group per role, shared by every channel-email instance. */
  readonly groupPrefix?: string;
}

export interface EmailChannel {
  /** The mailboxes watched now: configured ones and enabled rows of email_mailboxes (admin API). */
  readonly mailboxes: readonly Mailbox[];
  readonly counters: IntakeCounters;
  /** Resolves when every mail now in every mailbox has been handled. */
  syncNow(): Promise<void>;
  stop(): Promise<void>;
}

export const EMAIL_RECEIPTS_GROUP = 'channel-email.receipts';
export const EMAIL_OUTBOUND_GROUP = 'channel-email.outbound';

/**
 * Starts the email channel: registers the configured mailboxes, watches every enabled mailbox row over
 * IMAP (IDLE), picking up rows the admin API adds, changes or disables, and publishes what arrives;
 * acknowledges new tickets from the ticket service's receipts, and sends agents' answers from
 * outbound.email.v1 over SMTP.
 */
export async function startEmailChannel(deps: EmailChannelDeps): Promise<EmailChannel> {
  const log = createLogger('EmailChannel');
  const cursors = new MailboxCursorRepository(deps.db);
  // Watchers feed intake, and intake reads the registry's addresses: hence the annotations.
  const registry: MailboxRegistry = new MailboxRegistry({
    repository: new MailboxRepository(deps.db),
    configured: deps.config.mailboxes,
    env: deps.env,
    watch: (mailbox): MailboxWatcher =>
      new MailboxWatcher({
        mailbox,
        cursors,
        onBatch: (m, mails) => accept.execute(m, mails),
        batchSize: deps.config.fetchBatchSize,
        pollIntervalMs: deps.config.pollIntervalMs,
        log: createLogger('MailboxWatcher'),
      }),
    log: createLogger('MailboxRegistry'),
  });
  const ownAddresses = registry.addresses;
  const messages = new EmailMessageRepository(deps.db);
  const tokens = new ReplyTokenRepository(deps.db);
  const smtp = new SmtpSender();
  const counters = new IntakeCounters();
  const accept = new AcceptMailBatchUseCase({
    transport: deps.transport,
    messages,
    tokens,
    interpret: {
      supportAddresses: ownAddresses,
      blobs: new LocalBlobStore(deps.config.blobDir, deps.config.maxAttachmentBytes),
    },
    counters,
    log: createLogger('AcceptMailBatch'),
  });
  const handleReceipt = new HandleReceiptUseCase({
    messages,
    tokens,
    acks: new AutoAckRepository(deps.db),
    smtp,
    mailboxes: registry.byId,
    ownAddresses,
    ackPerSenderPerHour: deps.config.autoAckPerSenderPerHour,
    log: createLogger('HandleReceipt'),
  });
  const send = new SendOutboundEmailUseCase({
    transport: deps.transport,
    smtp,
    messages,
    tokens,
    mailboxes: registry.byId,
    maxAttempts: deps.config.sendMaxAttempts,
    blobDir: deps.config.blobDir,
    log: createLogger('SendOutboundEmail'),
  });
  await registry.load();
  const subscriptions: Subscription[] = [
    await deps.transport.subscribe({
      topic: Topics.inboundReceipts,
      groupId: `${deps.groupPrefix ?? ''}${EMAIL_RECEIPTS_GROUP}`,
      handler: receiptConsumer(handleReceipt, log),
    }),
    await deps.transport.subscribe({
      topic: Topics.outboundEmail,
      groupId: `${deps.groupPrefix ?? ''}${EMAIL_OUTBOUND_GROUP}`,
      handler: outboundConsumer(send, log),
    }),
  ];
  registry.startWatching(deps.config.mailboxRefreshMs);
  log.info({ mailboxes: registry.mailboxes.map((m) => m.id) }, 'email channel started');
  return {
    get mailboxes() {
      return registry.mailboxes;
    },
    counters,
    syncNow: () => registry.syncNow(),
    stop: async () => {
      await registry.stop();
      await Promise.all(subscriptions.map((s) => s.close()));
      smtp.close();
    },
  };
}
