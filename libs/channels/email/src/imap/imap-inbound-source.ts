import type { InboundSink, InboundSource } from '@switchboard/channel-sdk';
import { createLogger } from '@switchboard/logger';
import type { MailboxSettings } from '../config/email-channel.config';
import type { InterpretOptions } from '../interpret/interpret-email';
import { AcceptMailBatchUseCase, type AcceptMailDeps, type FetchedMail } from '../intake/accept-mail-batch.use-case';
import { MailboxRegistry } from '../mailboxes/mailbox-registry';
import type { MailboxCursorRepository } from '../store/mailbox-cursor.repository';
import type { Mailbox, MailboxRepository } from '../store/mailbox.repository';
import { MailboxWatcher } from './mailbox-watcher';

export interface ImapInboundSourceDeps {
  readonly repository: MailboxRepository;
  readonly cursors: MailboxCursorRepository;
  readonly configured: readonly MailboxSettings[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Intake's dependencies but the sink, which start() is given. */
  readonly intake: Omit<AcceptMailDeps, 'sink' | 'interpret'> & {
    readonly interpret: Omit<InterpretOptions, 'supportAddresses'>;
  };
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  /** How often the email_mailboxes rows are reloaded (EMAIL_MAILBOX_REFRESH_MS). */
  readonly refreshMs: number;
}

/**
 * The email channel's inbound side as a channel-SDK InboundSource: one IMAP watcher per mailbox of the
 * registry; each fetched batch goes through intake, which hands its customer mail to the SDK's ingress
 * (InboundSink.accept: on the bus, acknowledged by the broker) before the watcher moves the mailbox's
 * UID cursor past it. The registry is live before start (sending and acknowledgements read it).
 */
export class ImapInboundSource implements InboundSource {
  readonly registry: MailboxRegistry;
  #accept: AcceptMailBatchUseCase | undefined;

  constructor(private readonly deps: ImapInboundSourceDeps) {
    this.registry = new MailboxRegistry({
      repository: deps.repository,
      configured: deps.configured,
      env: deps.env,
      watch: (mailbox) =>
        new MailboxWatcher({
          mailbox,
          cursors: deps.cursors,
          onBatch: (m, mails) => this.acceptBatch(m, mails),
          batchSize: deps.batchSize,
          pollIntervalMs: deps.pollIntervalMs,
          log: createLogger('MailboxWatcher'),
        }),
      log: createLogger('MailboxRegistry'),
    });
  }

  async start(sink: InboundSink): Promise<void> {
    this.#accept = new AcceptMailBatchUseCase({
      ...this.deps.intake,
      sink,
      interpret: { ...this.deps.intake.interpret, supportAddresses: this.registry.addresses },
    });
    await this.registry.load();
    this.registry.startWatching(this.deps.refreshMs);
  }

  /** Intake of one batch (a watcher's, or kept originals an admin retries); resolves once it is on the bus. */
  acceptBatch(mailbox: Mailbox, mails: readonly FetchedMail[]): Promise<void> {
    if (!this.#accept) return Promise.reject(new Error('the IMAP inbound source is not started'));
    return this.#accept.execute(mailbox, mails);
  }

  async stop(): Promise<void> {
    await this.registry.stop();
  }
}
