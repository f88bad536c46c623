import type { LookupLinker } from '@switchboard/auth';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { channelTokens, type InboundSink } from '@switchboard/channel-sdk';
import { createLogger } from '@switchboard/logger';
import { TRANSPORT, type Transport } from '@switchboard/messaging';
import { HandleReceiptUseCase } from './acknowledge/handle-receipt.use-case';
import { LocalBlobStore } from '@switchboard/blobs';
import type { EmailChannelConfig } from './config/email-channel.config';
import { EMAIL_CHANNEL_OPTIONS, EMAIL_SQL_CLIENT, EMAIL_TENANT_DIRECTORY } from './email-channel.tokens';
import { EMAIL_CHANNEL_NAME, EmailChannelAdapter } from './email-channel.adapter';
import { ImapInboundSource } from './imap/imap-inbound-source';
import { IntakeCounters } from './intake/intake-counters';
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
 * The running email channel: its InboundSource (every enabled mailbox watched over IMAP IDLE, rows the
 * admin API adds, changes or disables picked up) is started with the SDK's ingress at application
 * bootstrap and stopped at shutdown; it holds the SDK adapter (SMTP delivery) and the use-cases the
 * receipts consumer calls. `mailboxes`, `counters` and `syncNow()` are for operators and tests.
 */
@Injectable()
export class EmailChannel implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly counters = new IntakeCounters();
  readonly handleReceipt: HandleReceiptUseCase;
  /** The channel-SDK adapter: its `deliver` is what the SDK's outbound.email.v1 consumer calls. */
  readonly adapter: EmailChannelAdapter;
  readonly #retryRejected: RetryRejectedMailsUseCase;
  #retryTimer: NodeJS.Timeout | undefined;
  readonly #source: ImapInboundSource;
  readonly #smtp = new SmtpSender();
  readonly #config: EmailChannelConfig;
  readonly #log = createLogger('EmailChannel');

  constructor(
    @Inject(EMAIL_SQL_CLIENT) db: SqlClient,
    @Inject(EMAIL_TENANT_DIRECTORY) tenants: EmailTenantDirectory,
    @Inject(TRANSPORT) transport: Transport,
    @Inject(channelTokens(EMAIL_CHANNEL_NAME).ingress) private readonly ingress: InboundSink,
    @Inject(EMAIL_CHANNEL_OPTIONS) options: EmailChannelOptions,
  ) {
    const config = (this.#config = options.config);
    const messages = new EmailMessageRepository(db);
    const tokens = new ReplyTokenRepository(db);
    const rejected = new RejectedMailRepository(db);
    const source = new ImapInboundSource({
      repository: new MailboxRepository(db, tenants),
      cursors: new MailboxCursorRepository(db),
      configured: config.mailboxes,
      env: options.env,
      intake: {
        transport,
        messages,
        tokens,
        rejected,
        interpret: {
          blobs: new LocalBlobStore(config.blobDir, config.maxAttachmentBytes),
          maxBodyChars: config.maxBodyChars,
        },
        raw: new LocalBlobStore(config.blobDir, config.maxMessageBytes),
        maxMessageBytes: config.maxMessageBytes,
        counters: this.counters,
        log: createLogger('AcceptMailBatch'),
      },
      batchSize: config.fetchBatchSize,
      pollIntervalMs: config.pollIntervalMs,
      refreshMs: config.mailboxRefreshMs,
    });
    const registry = source.registry;
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
    this.adapter = new EmailChannelAdapter(
      new SendOutboundEmailUseCase({
        smtp: this.#smtp,
        messages,
        tokens,
        mailboxes: registry.byId,
        blobDir: config.blobDir,
        log: createLogger('SendOutboundEmail'),
      }),
    );
    this.#retryRejected = new RetryRejectedMailsUseCase({
      rejected,
      mailboxes: registry.byId,
      blobDir: config.blobDir,
      accept: (mailbox, mails) => source.acceptBatch(mailbox, mails),
      log: createLogger('RetryRejectedMails'),
    });
    this.#source = source;
  }

  /** Takes the mails an admin asked to retry through intake again now (it also runs every EMAIL_MAILBOX_REFRESH_MS). */
  retryRejectedNow(): Promise<number> {
    return this.#retryRejected.execute();
  }

  /** The mailboxes watched now: configured ones and enabled rows of email_mailboxes (admin API). */
  get mailboxes(): readonly Mailbox[] {
    return this.#source.registry.mailboxes;
  }

  /** Resolves when every mail now in every mailbox has been handled. */
  syncNow(): Promise<void> {
    return this.#source.registry.syncNow();
  }

  /** Before the consumers start (startConsumers runs after init): they read the loaded mailboxes. */
  async onApplicationBootstrap(): Promise<void> {
    await this.#source.start(this.ingress);
    this.#retryTimer = setInterval(() => {
      this.retryRejectedNow().catch((error: unknown) => this.#log.warn({ err: error }, 'rejected-mail retry failed'));
    }, this.#config.mailboxRefreshMs);
    this.#retryTimer.unref();
    this.#log.info({ mailboxes: this.mailboxes.map((m) => m.id) }, 'email channel started');
  }

  /** After the consumers stopped (Nest closes microservices first), so no send loses its mailbox. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.#retryTimer);
    await this.#source.stop();
    this.#smtp.close();
  }
}
