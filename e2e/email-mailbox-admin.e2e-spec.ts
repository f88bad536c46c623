import { hashPassword } from '@switchboard/auth';
import { loadEmailChannelConfig } from '@switchboard/channel-email';
import { deliver, TEST_IMAP, TEST_SMTP, uniqueAddress, waitUntil } from '@switchboard/channel-email/testing';
import { loadConfig } from '@switchboard/config';
import { seedDemoTenant } from '@switchboard/demo';
import { newId } from '@switchboard/ids';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { login, postJson } from './support/http-client';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack';
import { newMessageId } from './support/mail-fixtures';

interface MailboxAnswer {
  id: string;
  address: string;
  enabled: boolean;
  passwordEnv: string | null;
}

const ADMIN = 'ada.admin@demo.switchboard.local';
const ADMIN_PASSWORD = 'mailbox admin e2e password';
/** The channel's environment: the password of mailboxes created with passwordEnv E2E_SUPPORT_PASSWORD. */
const CHANNEL_ENV = { E2E_SUPPORT_PASSWORD: 'test' };

/**
 * An admin connects support mailboxes through the agent API while the email channel runs (started
 * with no configured mailbox): the channel picks them up from email_mailboxes within its refresh
 * interval, and stops watching one the admin disables. Real GreenMail, Postgres and HTTP.
 */
describe('email mailboxes connected through the admin API (GreenMail)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let stack: InProcessStack | undefined;
  let apiBase: string;
  let token: string;

  const send = async (method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
    const response = await fetch(`${apiBase}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as MailboxAnswer };
  };
  const mailboxBody = (address: string, passwordEnv = 'E2E_SUPPORT_PASSWORD') => ({
    address,
    displayName: 'Demo Support',
    imap: TEST_IMAP,
    smtp: TEST_SMTP,
    username: address,
    passwordEnv,
  });
  const watched = (): string[] => (stack?.channel.mailboxes ?? []).map((m) => m.id);
  const ticketOf = async (messageId: string): Promise<string | undefined> =>
    (
      await db.query<{ ticket_id: string }>(
        `SELECT ticket_id FROM ticket_messages WHERE channel = 'email' AND channel_message_id = $1`,
        [messageId],
      )
    )[0]?.ticket_id;
  const lastUidOf = async (mailboxId: string): Promise<number> =>
    Number(
      (
        await db.query<{ last_uid: string }>(`SELECT last_uid FROM email_mailbox_cursors WHERE mailbox_id = $1`, [
          mailboxId,
        ])
      )[0]?.last_uid ?? -1,
    );
  const mailTo = async (to: string): Promise<string> => {
    const messageId = newMessageId();
    await deliver({ from: uniqueAddress('customer', 'customer.test'), to, subject: 'Help', text: 'Hi.', messageId });
    return messageId;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('email_mailbox_admin');
    const env = { DATABASE_URL: testDb.url, JWT_SECRET: 'email-mailbox-admin-e2e-secret-0123456789abcdef' };
    db = await openDatabase(loadConfig(env));
    const demo = await seedDemoTenant(db);
    if (!demo) throw new Error('demo tenant not seeded');
    await db.query(
      `INSERT INTO agents (id, tenant_id, email, name, role, password_hash)
       SELECT $1, id, $2, 'Ada Admin', 'admin', $3 FROM tenants WHERE slug = 'demo'`,
      [newId(), ADMIN, await hashPassword(ADMIN_PASSWORD)],
    );
    transport = new InProcessTransport();
    // The ticket service, the agent API on a port of its own and the email channel, started with
    // no configured mailbox, in one app.
    stack = await startInProcessStack({
      db,
      transport,
      env,
      features: ['tickets', 'agent-api'],
      email: { config: loadEmailChannelConfig({ EMAIL_MAILBOX_REFRESH_MS: '200' }), env: CHANNEL_ENV },
      listen: true,
    });
    if (!stack.url) throw new Error('the agent API does not listen');
    apiBase = stack.url;
    token = await login(apiBase, ADMIN, ADMIN_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await transport?.close();
    await db?.close();
    await testDb?.drop();
  }, 60_000);

  it('watches a mailbox an admin creates, skips one whose password variable is missing, and stops on disable', async () => {
    expect(watched()).toEqual([]);
    const support = uniqueAddress('desk');
    const sales = uniqueAddress('sales');
    const noPassword = await send('POST', '/api/v1/email/mailboxes', mailboxBody(uniqueAddress('x'), 'NOT_SET_HERE'));
    expect(noPassword.status).toBe(201);
    const desk = await send('POST', '/api/v1/email/mailboxes', mailboxBody(support));
    const other = await send('POST', '/api/v1/email/mailboxes', mailboxBody(sales));
    expect([desk.status, other.status]).toEqual([201, 201]);
    expect(desk.body.passwordEnv).toBe('E2E_SUPPORT_PASSWORD');

    // The refresh that picked these two up read the row without a password too (it was committed first).
    await waitUntil('both mailboxes watched', async () =>
      watched().includes(desk.body.id) && watched().includes(other.body.id) ? true : undefined,
    );
    expect(watched()).not.toContain(noPassword.body.id);

    const first = await mailTo(support);
    await waitUntil('a ticket from the API-created mailbox', () => ticketOf(first));

    expect((await send('DELETE', `/api/v1/email/mailboxes/${desk.body.id}`)).body.enabled).toBe(false);
    await waitUntil('the disabled mailbox no longer watched', async () =>
      watched().includes(desk.body.id) ? undefined : true,
    );
    expect(watched()).toEqual([other.body.id]);
    const cursorWhenDisabled = await lastUidOf(desk.body.id);

    // Sentinel: a mail to the mailbox still watched, delivered after the one to the disabled mailbox,
    // has become a ticket; a watcher on the disabled one would have handled its mail by then too.
    const ignored = await mailTo(support);
    const sentinel = await mailTo(sales);
    await waitUntil('the sentinel ticket', () => ticketOf(sentinel));
    expect(await ticketOf(ignored)).toBeUndefined();
    expect(await lastUidOf(desk.body.id)).toBe(cursorWhenDisabled);

    // The mail was there all along: enabling the mailbox again (a full replace) brings it in.
    const enabled = await send('PUT', `/api/v1/email/mailboxes/${desk.body.id}`, mailboxBody(support));
    expect(enabled.body.enabled).toBe(true);
    await waitUntil('the held mail after re-enabling', () => ticketOf(ignored));
  }, 60_000);

  it('refuses a password in the body', async () => {
    const answer = await postJson<{ error: { code: string; fields: { field: string; reason: string }[] } }>(
      `${apiBase}/api/v1/email/mailboxes`,
      { ...mailboxBody(uniqueAddress('pw')), password: 'secret' },
      { authorization: `Bearer ${token}` },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([
      expect.objectContaining({ field: 'password', reason: 'use_password_env' }),
    ]);
  });
});
