import type { LookupLinker } from '@switchboard/auth';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger } from '@switchboard/logger';
import { TRANSPORT, type Transport } from '@switchboard/messaging';
import { HandleReceiptUseCase } from './acknowledge/handle-receipt.use-case';
import { LocalBlobStore } from '@switchboard/blobs';
import type { EmailChannelConfig } from './config/email-channel.config';
import { EMAIL_CHANNEL_OPTIONS, EMAIL_SQL_CLIENT, EMAIL_TENANT_DIRECTORY } from './email-channel.tokens';
import { MailboxWatcher } from './imap/mailbox-watcher';
import { AcceptMailBatchUseCase } from './intake/accept-mail-batch.use-case';
import { IntakeCounters } from './intake/intake-counters';
import { MailboxRegistry } from './mailboxes/mailbox-registry';
import { SendOutboundEmailUseCase } from './outbound/send-outbound-email.use-case';
import { SmtpSender } from './smtp/smtp-sender';
import { AutoAckRepository } from './store/auto-ack.repository';
import type { EmailTenantDirectory } from './store/email-tenant-directory';
import { EmailMessageRepository } from './store/email-message.repository';
import { MailboxCursorRepository } from './store/mailbox-cursor.repository';
import { MailboxRepository, type Mailbox } from './store/mailbox.repository';
import { RejectedMailRepository } from './store/rejected-mail.repository';
import { ReplyTokenRepository } from './store/reply-token.repository';
import { RetryRejectedMailsUseCase } from './rejected/retry-rejected-mails.use-case';
import type { SqlClient } from './store/sql-client';

export interface EmailChannelOptions {
  readonly config: EmailChannelConfig;
  /** Where mailbox passwords given as `passwordEnv` are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Self-service: signs the portal link in acknowledgements (the apps pass lookupLinkerFor(...)). */
  readonly lookupLink?: LookupLinker;
}

/**
 * The running email channel: watches every enabled mailbox over IMAP (IDLE) from application bootstrap
 * to shutdown, picking up rows the admin API adds, changes or disables, and holds the use-cases the
 * receipts and outbound consumers call. `mailboxes`, `counters` and `syncNow()` are for operators and tests.
 */
@Injectable()
export class EmailChannel implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly counters = new IntakeCounters();
  readonly handleReceipt: HandleReceiptUseCase;
  readonly sendOutbound: SendOutboundEmailUseCase;
  readonly #retryRejected: RetryRejectedMailsUseCase;
  #retryTimer: NodeJS.Timeout | undefined;
  readonly #registry: MailboxRegistry;
  readonly #smtp = new SmtpSender();
  readonly #config: EmailChannelConfig;
  readonly #log = createLogger('EmailChannel');

  constructor(
    @Inject(EMAIL_SQL_CLIENT) db: SqlClient,
    @Inject(EMAIL_TENANT_DIRECTORY) tenants: EmailTenantDirectory,
    @Inject(TRANSPORT) transport: Transport,
    @Inject(EMAIL_CHANNEL_OPTIONS) options: EmailChannelOptions,
  ) {
    const config = (this.#config = options.config);
    const cursors = new MailboxCursorRepository(db);
    const messages = new EmailMessageRepository(db);
    const tokens = new ReplyTokenRepository(db);
    const rejected = new RejectedMailRepository(db);
    // Watchers feed intake, and intake reads the registry's addresses: hence the late binding.
    const registry: MailboxRegistry = new MailboxRegistry({
      repository: new MailboxRepository(db, tenants),
      configured: config.mailboxes,
      env: options.env,
      watch: (mailbox): MailboxWatcher =>
        new MailboxWatcher({
          mailbox,
          cursors,
          onBatch: (m, mails) => accept.execute(m, mails),
          batchSize: config.fetchBatchSize,
          pollIntervalMs: config.pollIntervalMs,
          log: createLogger('MailboxWatcher'),
        }),
      log: createLogger('MailboxRegistry'),
    });
    const accept = new AcceptMailBatchUseCase({
      transport,
      messages,
      tokens,
      rejected,
      interpret: {
        supportAddresses: registry.addresses,
        blobs: new LocalBlobStore(config.blobDir, config.maxAttachmentBytes),
        maxBodyChars: config.maxBodyChars,
      },
      raw: new LocalBlobStore(config.blobDir, config.maxMessageBytes),
      maxMessageBytes: config.maxMessageBytes,
      counters: this.counters,
      log: createLogger('AcceptMailBatch'),
    });
    this.handleReceipt = new HandleReceiptUseCase({
      messages,
      tokens,
      acks: new AutoAckRepository(db),
      rejected,
      smtp: this.#smtp,
      mailboxes: registry.byId,
      ownAddresses: registry.addresses,
      ackLimits: { perSenderPerHour: config.autoAckPerSenderPerHour, perDomainPerHour: config.autoAckPerDomainPerHour },
      lookupLink: options.lookupLink,
      log: createLogger('HandleReceipt'),
    });
    this.sendOutbound = new SendOutboundEmailUseCase({
      transport,
      smtp: this.#smtp,
      messages,
      tokens,
      mailboxes: registry.byId,
      maxAttempts: config.sendMaxAttempts,
      blobDir: config.blobDir,
      log: createLogger('SendOutboundEmail'),
    });
    this.#retryRejected = new RetryRejectedMailsUseCase({
      rejected,
      mailboxes: registry.byId,
      blobDir: config.blobDir,
      accept: (mailbox, mails) => accept.execute(mailbox, mails),
      log: createLogger('RetryRejectedMails'),
    });
    this.#registry = registry;
  }

  /** Takes the mails an admin asked to retry through intake again now (it also runs every EMAIL_MAILBOX_REFRESH_MS). */
  retryRejectedNow(): Promise<number> {
    return this.#retryRejected.execute();
  }

  /** The mailboxes watched now: configured ones and enabled rows of email_mailboxes (admin API). */
  get mailboxes(): readonly Mailbox[] {
    return this.#registry.mailboxes;
  }

  /** Resolves when every mail now in every mailbox has been handled. */
  syncNow(): Promise<void> {
    return this.#registry.syncNow();
  }

  /** Before the consumers start (startConsumers runs after init): they read the loaded mailboxes. */
  async onApplicationBootstrap(): Promise<void> {
    await this.#registry.load();
    this.#registry.startWatching(this.#config.mailboxRefreshMs);
    this.#retryTimer = setInterval(() => {
      this.retryRejectedNow().catch((error: unknown) => this.#log.warn({ err: error }, 'rejected-mail retry failed'));
    }, this.#config.mailboxRefreshMs);
    this.#retryTimer.unref();
    this.#log.info({ mailboxes: this.mailboxes.map((m) => m.id) }, 'email channel started');
  }

  /** After the consumers stopped (Nest closes microservices first), so no send loses its mailbox. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.#retryTimer);
    await this.#registry.stop();
    this.#smtp.close();
  }
}
