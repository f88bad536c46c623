import { pino } from 'pino';
import type { MailboxSettings } from '../config/email-channel.config';
import type { Mailbox, MailboxRow } from '../store/mailbox.repository';
import { MailboxRegistry, type Watcher } from './mailbox-registry';

const row = (id: string, fields: Partial<MailboxRow> = {}): MailboxRow => ({
  id,
  tenant_id: 'tenant-1',
  tenant_slug: 'demo',
  address: `${id}@example.test`,
  display_name: 'Support',
  imap_host: 'imap.example.test',
  imap_port: 993,
  imap_secure: true,
  smtp_host: 'smtp.example.test',
  smtp_port: 465,
  smtp_secure: true,
  username: `${id}@example.test`,
  secret_ref: 'env:MAIL_PW',
  folder: 'INBOX',
  language: 'en',
  ...fields,
});

class RecordingWatcher implements Watcher {
  started = false;
  stopped = false;
  constructor(readonly mailbox: Mailbox) {}
  start(): void {
    this.started = true;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
  async syncNow(): Promise<void> {}
}

/** The registry alone: rows come from a list the test edits, watchers only record what was asked. */
function setUp(configured: readonly MailboxSettings[] = []) {
  const rows: MailboxRow[] = [];
  const watchers: RecordingWatcher[] = [];
  const logLines: { level: number; msg: string; address?: string }[] = [];
  const registry = new MailboxRegistry({
    repository: {
      register: () => Promise.reject(new Error('not used')),
      findEnabled: async () => [...rows],
    },
    configured,
    env: { MAIL_PW: 'secret' },
    watch: (mailbox) => {
      const watcher = new RecordingWatcher(mailbox);
      watchers.push(watcher);
      return watcher;
    },
    log: pino({}, { write: (line: string) => logLines.push(JSON.parse(line) as (typeof logLines)[number]) }),
  });
  const live = () => watchers.filter((w) => !w.stopped);
  return { registry, rows, watchers, live, logLines };
}

describe('MailboxRegistry', () => {
  it('watches rows whose password it finds and skips, logging once, those it cannot', async () => {
    const { registry, rows, live, logLines } = setUp();
    rows.push(row('a'), row('b', { secret_ref: 'env:NOT_SET' }), row('c', { secret_ref: 'config' }));
    await registry.load();
    await registry.refresh();
    expect(live().map((w) => w.mailbox.id)).toEqual(['a']);
    expect(registry.byId.get('a')).toMatchObject({ password: 'secret', settings: { passwordEnv: 'MAIL_PW' } });
    expect([...registry.addresses]).toEqual(['a@example.test']);
    const errors = logLines.filter((l) => l.level >= 40);
    expect(errors.map((l) => [l.address, l.msg])).toEqual([
      ['b@example.test', 'env NOT_SET is not set; mailbox skipped'],
      ['c@example.test', 'not in the current configuration; skipped'],
    ]);
    expect(JSON.stringify(logLines)).not.toContain('secret"');
  });

  it('takes the password of a configured mailbox from the configuration', async () => {
    const { registry, rows } = setUp([
      {
        tenant: 'demo',
        address: 'c@example.test',
        displayName: '',
        imap: { host: 'h', port: 1, secure: false },
        smtp: { host: 'h', port: 1, secure: false },
        username: 'c',
        password: 'inline',
        folder: 'INBOX',
        language: 'en',
      },
    ]);
    rows.push(row('c', { secret_ref: 'config' }));
    await registry.refresh();
    expect(registry.byId.get('c')?.password).toBe('inline');
  });

  it('starts watchers only once watching, then follows new, changed and disabled rows', async () => {
    const { registry, rows, watchers, live } = setUp();
    rows.push(row('a'));
    await registry.load();
    expect(watchers.map((w) => w.started)).toEqual([false]);
    registry.startWatching(60_000);
    expect(watchers.map((w) => w.started)).toEqual([true]);

    rows.push(row('b'));
    await registry.refresh();
    expect(live().map((w) => [w.mailbox.id, w.started])).toEqual([
      ['a', true],
      ['b', true],
    ]);

    rows[0] = row('a', { address: 'renamed@example.test', imap_port: 143 });
    await registry.refresh();
    expect(watchers.filter((w) => w.mailbox.id === 'a').map((w) => w.stopped)).toEqual([true, false]);
    expect(registry.byId.get('a')?.settings.imap.port).toBe(143);

    rows.splice(1, 1);
    await registry.refresh();
    expect(live().map((w) => w.mailbox.id)).toEqual(['a']);
    expect([...registry.addresses]).toEqual(['renamed@example.test']);
    expect(registry.mailboxes.map((m) => m.id)).toEqual(['a']);

    await registry.stop();
    expect(live()).toEqual([]);
    expect(registry.byId.size).toBe(0);
  });
});
