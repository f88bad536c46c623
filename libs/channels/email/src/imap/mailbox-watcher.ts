import { ImapFlow, type MailboxObject } from 'imapflow';
import type { Logger } from '@switchboard/logger';
import type { FetchedMail } from '../intake/accept-mail-batch.use-case';
import type { MailboxCursorRepository } from '../store/mailbox-cursor.repository';
import type { Mailbox } from '../store/mailbox.repository';

export interface MailboxWatcherOptions {
  readonly mailbox: Mailbox;
  readonly cursors: MailboxCursorRepository;
  /** Must resolve only when the batch's effects are durable (published and acknowledged). */
  readonly onBatch: (mailbox: Mailbox, mails: readonly FetchedMail[]) => Promise<void>;
  readonly batchSize: number;
  /** Restarts IDLE this often; on a server without IDLE, how often it polls. */
  readonly pollIntervalMs: number;
  readonly log: Logger;
  readonly maxBackoffMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps one IMAP connection per mailbox: syncs new mail after each connect and on every EXISTS push
 * (IMAP IDLE; imapflow falls back to polling where the server lacks IDLE), and reconnects with
 * exponential backoff when the server drops the connection. The cursor (UIDVALIDITY + last UID) is
 * advanced only after onBatch resolved, so a crash re-fetches at most the batch in flight.
 */
export class MailboxWatcher {
  private client: ImapFlow | undefined;
  private stopped = false;
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private running: Promise<void> | undefined;
  private failures = 0;

  constructor(private readonly options: MailboxWatcherOptions) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    if (client) await client.logout().catch(() => client.close());
    await this.running;
  }

  /** Resolves once every mail present now has been handled (used by tests and the bench). */
  async syncNow(): Promise<void> {
    await this.requestSync();
  }

  private async loop(): Promise<void> {
    const maxBackoff = this.options.maxBackoffMs ?? 60_000;
    while (!this.stopped) {
      try {
        await this.session();
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.options.log.warn(
          { err: error, mailbox: this.options.mailbox.id, failures: this.failures },
          'IMAP session failed',
        );
      }
      if (this.stopped) break;
      await sleep(Math.min(maxBackoff, 500 * 2 ** Math.min(this.failures, 10)));
    }
  }

  /** One connection's life: resolves when the server or stop() closes it. */
  private async session(): Promise<void> {
    const { mailbox } = this.options;
    const client = new ImapFlow({
      host: mailbox.settings.imap.host,
      port: mailbox.settings.imap.port,
      secure: mailbox.settings.imap.secure,
      auth: { user: mailbox.settings.username, pass: mailbox.password },
      logger: false,
      autoIdleDelay: 50,
      maxIdleTime: this.options.pollIntervalMs,
      missingIdleCommand: 'STATUS',
    });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('error', (error: Error) => this.options.log.warn({ err: error, mailbox: mailbox.id }, 'IMAP error'));
    client.on('exists', () => void this.requestSync().catch((e: unknown) => this.syncFailed(e)));
    client.on(
      'mailboxOpen',
      (opened: MailboxObject) => void this.onOpened(opened).catch((e: unknown) => this.syncFailed(e)),
    );
    await client.connect();
    this.client = client;
    // stop() during the connect found no client to log out, and the session would wait forever on IDLE.
    if (this.stopped) {
      await client.logout().catch(() => client.close());
      return;
    }
    await client.mailboxOpen(mailbox.settings.folder);
    this.failures = 0;
    await closed;
    this.client = undefined;
  }

  private syncFailed(error: unknown): void {
    // stop() closes the connection under a running sync; its cursor simply stays where it was.
    if (this.stopped) return;
    this.options.log.error({ err: error, mailbox: this.options.mailbox.id }, 'mailbox sync failed; closing to retry');
    this.client?.close();
  }

  private async onOpened(opened: MailboxObject): Promise<void> {
    const { mailbox, cursors, log } = this.options;
    const cursor = await cursors.find(mailbox.id);
    if (cursor && cursor.uidValidity !== opened.uidValidity) {
      // UIDs of the old UIDVALIDITY mean nothing now: read everything again; Message-IDs drop repeats.
      log.warn(
        { mailbox: mailbox.id, was: String(cursor.uidValidity), now: String(opened.uidValidity) },
        'UIDVALIDITY changed; re-syncing',
      );
    }
    if (!cursor || cursor.uidValidity !== opened.uidValidity) {
      await cursors.save(mailbox.id, mailbox.tenantId, { uidValidity: opened.uidValidity, lastUid: 0 });
    }
    await this.requestSync();
  }

  /** Runs one sync at a time; a request during a sync runs one more after it. */
  private requestSync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.syncAgain = false;
          await this.syncOnce();
        } while (this.syncAgain && !this.stopped);
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const client = this.client;
    const { mailbox, cursors } = this.options;
    if (!client?.usable) return;
    for (;;) {
      const cursor = await cursors.find(mailbox.id);
      if (!cursor) return;
      const batch = await this.fetchBatch(client, cursor.lastUid);
      if (batch.length === 0) return;
      await this.options.onBatch(mailbox, batch);
      const lastUid = Math.max(...batch.map((m) => m.uid));
      await cursors.save(mailbox.id, mailbox.tenantId, { uidValidity: cursor.uidValidity, lastUid });
    }
  }

  private async fetchBatch(client: ImapFlow, afterUid: number): Promise<FetchedMail[]> {
    const lock = await client.getMailboxLock(this.options.mailbox.settings.folder);
    try {
      const uids = ((await client.search({ uid: `${afterUid + 1}:*` }, { uid: true })) || [])
        // "n:*" always matches the highest UID, even when it is below n (RFC 3501 §6.4.8).
        .filter((uid) => uid > afterUid)
        .sort((a, b) => a - b)
        .slice(0, this.options.batchSize);
      if (uids.length === 0) return [];
      const mails: FetchedMail[] = [];
      for await (const message of client.fetch(uids.join(','), { uid: true, source: true }, { uid: true })) {
        if (message.source) mails.push({ uid: message.uid, source: message.source });
      }
      return mails.sort((a, b) => a.uid - b.uid);
    } finally {
      lock.release();
    }
  }
}
