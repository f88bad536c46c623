import type { Logger } from '@switchboard/logger';
import type { MailboxSettings } from '../config/email-channel.config';
import type { Mailbox, MailboxRepository, MailboxRow } from '../store/mailbox.repository';

/** What the registry needs from a mailbox watcher (MailboxWatcher in the channel). */
export interface Watcher {
  start(): void;
  stop(): Promise<void>;
  syncNow(): Promise<void>;
}

export interface MailboxRegistryDeps {
  readonly repository: Pick<MailboxRepository, 'register' | 'findEnabled'>;
  /** The mailboxes of the env/YAML configuration: their rows keep `secret_ref = 'config'` or `env:NAME`. */
  readonly configured: readonly MailboxSettings[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly watch: (mailbox: Mailbox) => Watcher;
  readonly log: Logger;
}

interface Watched {
  readonly watcher: Watcher;
  /** The settings the watcher was started with; a change (PUT) restarts it. */
  readonly fingerprint: string;
}

const fingerprintOf = (mailbox: Mailbox): string => JSON.stringify([mailbox.settings, mailbox.password]);

/**
 * The mailboxes the channel watches: every enabled email_mailboxes row whose password it can find.
 * `byId` and `addresses` are live: intake, acknowledgements and sending read them, and each refresh
 * updates them in place together with the watchers (new or re-enabled rows start one, disabled rows
 * stop theirs, changed rows restart theirs).
 */
export class MailboxRegistry {
  readonly byId = new Map<string, Mailbox>();
  readonly addresses = new Set<string>();
  private readonly watched = new Map<string, Watched>();
  /** Problems already logged, so a refresh every few seconds does not repeat them. */
  private readonly reported = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private watching = false;
  private stopped = false;

  constructor(private readonly deps: MailboxRegistryDeps) {}

  get mailboxes(): readonly Mailbox[] {
    return [...this.byId.values()];
  }

  /** Registers the configured mailboxes (insert or update by tenant + address), then loads every enabled row. */
  async load(): Promise<void> {
    for (const settings of this.deps.configured) await this.deps.repository.register(settings, this.deps.env);
    await this.refresh();
  }

  /**
   * Starts the loaded mailboxes' watchers, then reloads the rows every intervalMs until stop(); a failed
   * reload is logged and tried again next time.
   */
  startWatching(intervalMs: number): void {
    this.watching = true;
    for (const { watcher } of this.watched.values()) watcher.start();
    const tick = (): void => {
      this.refreshing = this.refresh()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'mailbox refresh failed'))
        .finally(() => {
          this.refreshing = undefined;
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
  }

  async refresh(): Promise<void> {
    const wanted = new Map<string, Mailbox>();
    for (const row of await this.deps.repository.findEnabled()) {
      const mailbox = this.mailboxOf(row);
      if (mailbox) wanted.set(mailbox.id, mailbox);
    }
    const stopping: Promise<void>[] = [];
    for (const [id, watched] of this.watched) {
      const next = wanted.get(id);
      if (next && fingerprintOf(next) === watched.fingerprint) continue;
      this.watched.delete(id);
      this.byId.delete(id);
      stopping.push(watched.watcher.stop());
      this.deps.log.info({ mailbox: id }, next ? 'mailbox changed; restarting its watcher' : 'mailbox disabled');
    }
    await Promise.all(stopping);
    for (const [id, mailbox] of wanted) {
      if (this.watched.has(id)) continue;
      const watcher = this.deps.watch(mailbox);
      this.byId.set(id, mailbox);
      this.watched.set(id, { watcher, fingerprint: fingerprintOf(mailbox) });
      if (this.watching) watcher.start();
      this.deps.log.info({ mailbox: id, tenant: mailbox.tenantSlug }, 'watching mailbox');
    }
    this.addresses.clear();
    for (const mailbox of this.byId.values()) this.addresses.add(mailbox.settings.address);
  }

  async syncNow(): Promise<void> {
    await Promise.all([...this.watched.values()].map((w) => w.watcher.syncNow()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.refreshing;
    const watchers = [...this.watched.values()].map((w) => w.watcher);
    this.watched.clear();
    this.byId.clear();
    this.addresses.clear();
    await Promise.all(watchers.map((w) => w.stop()));
  }

  private mailboxOf(row: MailboxRow): Mailbox | undefined {
    const password = this.passwordOf(row);
    if (password === undefined) return undefined;
    const settings: MailboxSettings = {
      tenant: row.tenant_slug,
      address: row.address,
      displayName: row.display_name,
      imap: { host: row.imap_host, port: row.imap_port, secure: row.imap_secure },
      smtp: { host: row.smtp_host, port: row.smtp_port, secure: row.smtp_secure },
      username: row.username,
      ...(row.secret_ref.startsWith('env:') ? { passwordEnv: row.secret_ref.slice(4) } : { password }),
      folder: row.folder,
      language: row.language === 'zh-CN' ? 'zh-CN' : 'en',
    };
    return { id: row.id, tenantId: row.tenant_id, tenantSlug: row.tenant_slug, settings, password };
  }

  /** undefined when the password cannot be found: the mailbox is skipped (logged once), never a crash. */
  private passwordOf(row: MailboxRow): string | undefined {
    if (row.secret_ref.startsWith('env:')) {
      const name = row.secret_ref.slice(4);
      const password = this.deps.env[name];
      if (password === undefined) this.reportOnce(row, `env ${name} is not set; mailbox skipped`);
      return password;
    }
    if (row.secret_ref === 'config') {
      const configured = this.deps.configured.find((s) => s.tenant === row.tenant_slug && s.address === row.address);
      // Its password lived only in a configuration this process no longer has.
      if (configured?.password === undefined) this.reportOnce(row, 'not in the current configuration; skipped', 'warn');
      return configured?.password;
    }
    this.reportOnce(row, `unknown secret reference "${row.secret_ref.split(':')[0] ?? ''}"; mailbox skipped`);
    return undefined;
  }

  private reportOnce(row: MailboxRow, problem: string, level: 'error' | 'warn' = 'error'): void {
    const key = `${row.id} ${problem}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.deps.log[level]({ mailbox: row.id, tenant: row.tenant_slug, address: row.address }, problem);
  }
}
