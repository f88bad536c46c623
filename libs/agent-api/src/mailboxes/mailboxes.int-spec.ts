import { testContext } from '@switchboard/testing';
import { factory } from '../testing/agent-api.factory';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';
import { OTHER_TENANT_SLUG, TEST_PASSWORD } from '../testing/agent-api.world';
import type { MailboxView } from '@switchboard/channel-email';

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; reason: string; message: string }[] };
}

const URL = '/api/v1/email/mailboxes';

const body = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  address: 'Support@Example.COM',
  displayName: 'Example Support',
  imap: { host: 'imap.example.com', port: 993, secure: true },
  smtp: { host: 'smtp.example.com', port: 465, secure: true },
  username: 'support@example.com',
  passwordEnv: 'SUPPORT_MAIL_PASSWORD',
  language: 'zh-CN',
  ...overrides,
});

const fieldsOf = (answer: { body: unknown }) =>
  Object.fromEntries(((answer.body as ErrorBody).error.fields ?? []).map((f) => [f.field, f.reason]));

describe('email mailboxes admin API on real Postgres', () => {
  let h: AgentApiHarness;
  let otherAdmin: string;

  beforeAll(async () => {
    h = await startAgentApiHarness('email-mailboxes-api');
    const [other] = await h.db.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = $1`, [OTHER_TENANT_SLUG]);
    if (!other) throw new Error('no other tenant');
    const email = 'olga@other.example';
    await factory.agent(h.db, { tenantId: other.id, email, role: 'admin', password: TEST_PASSWORD });
    otherAdmin = await h.api.tokenFor(email, TEST_PASSWORD, OTHER_TENANT_SLUG);
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates, lists, reads, replaces and disables a mailbox, never storing or showing a secret', async () => {
    // An admin of a tenant of its own: the list then holds exactly the mailbox this test made.
    const tenant = await testContext(h.db).newTenant();
    const admin = await tenant.agent({ role: 'admin' });
    const dana = await h.api.tokenFor(admin.email, admin.password ?? '', tenant.slug);
    const created = await h.api.postAs<MailboxView>(URL, dana, body());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      address: 'support@example.com',
      displayName: 'Example Support',
      imap: { host: 'imap.example.com', port: 993, secure: true },
      smtp: { host: 'smtp.example.com', port: 465, secure: true },
      username: 'support@example.com',
      passwordEnv: 'SUPPORT_MAIL_PASSWORD',
      folder: 'INBOX',
      language: 'zh-CN',
      enabled: true,
    });
    const id = created.body.id;
    const [row] = await h.db.query<{ secret_ref: string }>(`SELECT secret_ref FROM email_mailboxes WHERE id = $1`, [
      id,
    ]);
    expect(row?.secret_ref).toBe('env:SUPPORT_MAIL_PASSWORD');

    const list = await h.api.get<{ mailboxes: MailboxView[] }>(URL, dana);
    expect(list.status).toBe(200);
    expect(list.body.mailboxes.map((m) => m.id)).toEqual([id]);
    expect((await h.api.get<MailboxView>(`${URL}/${id}`, dana)).body).toEqual(created.body);

    const replaced = await h.api.put<MailboxView>(
      `${URL}/${id}`,
      body({ address: 'help@example.com', imap: { host: 'mail.example.com', port: 143 }, passwordEnv: 'HELP_PW' }),
      dana,
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id,
      address: 'help@example.com',
      imap: { host: 'mail.example.com', port: 143, secure: false },
      passwordEnv: 'HELP_PW',
      enabled: true,
    });

    const disabled = await h.api.deleteAs<MailboxView>(`${URL}/${id}`, dana);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id, enabled: false });
    const [kept] = await h.db.query<{ enabled: boolean }>(`SELECT enabled FROM email_mailboxes WHERE id = $1`, [id]);
    expect(kept?.enabled).toBe(false);
    expect((await h.api.get<MailboxView>(`${URL}/${id}`, dana)).body.enabled).toBe(false);

    // A full replace enables it again.
    const again = await h.api.put<MailboxView>(`${URL}/${id}`, body({ address: 'help@example.com' }), dana);
    expect(again.body.enabled).toBe(true);
  });

  it('is for admins only: agents and managers get 403', async () => {
    for (const token of [h.tokens.alice, h.tokens.carol]) {
      expect((await h.api.get(URL, token)).status).toBe(403);
      const answer = await h.api.postAs<ErrorBody>(URL, token, body({ address: 'x@example.com' }));
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
    }
    expect((await h.api.get(URL)).status).toBe(401);
    const addresses = await h.db.query(`SELECT 1 FROM email_mailboxes WHERE address = 'x@example.com'`);
    expect(addresses).toHaveLength(0);
  });

  it('refuses a password and says to use passwordEnv', async () => {
    const answer = await h.api.postAs<ErrorBody>(URL, h.tokens.dana, {
      ...body({ address: 'pw@example.com', password: 'hunter2' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(fieldsOf(answer)).toEqual({ password: 'use_password_env' });
    expect(answer.body.error.fields?.[0]?.message).toContain('passwordEnv');
    expect(JSON.stringify(answer.body)).not.toContain('hunter2');
    expect(await h.db.query(`SELECT 1 FROM email_mailboxes WHERE address = 'pw@example.com'`)).toHaveLength(0);
  });

  it('names every invalid field', async () => {
    const answer = await h.api.postAs<ErrorBody>(URL, h.tokens.dana, {
      address: 'not an address',
      imap: { host: '', port: 70_000 },
      smtp: { host: 'smtp.example.com', port: 25, secure: 'yes' },
      username: 'u',
      passwordEnv: 'lower-case',
      language: 'fr',
    });
    expect(answer.status).toBe(400);
    expect(fieldsOf(answer)).toEqual({
      address: 'invalid_email',
      'imap.host': 'required',
      'imap.port': 'too_big',
      'smtp.secure': 'invalid_type',
      passwordEnv: 'invalid_format',
      language: 'invalid_value',
    });
    const missing = await h.api.postAs<ErrorBody>(URL, h.tokens.dana, { address: 'a@example.com' });
    expect(fieldsOf(missing)).toEqual({
      imap: 'required',
      smtp: 'required',
      username: 'required',
      passwordEnv: 'required',
    });
    const badId = await h.api.get<ErrorBody>(`${URL}/not-a-uuid`, h.tokens.dana);
    expect(badId.status).toBe(400);
  });

  it('answers 409 mailbox_exists for an address the tenant has already, whatever its case', async () => {
    const first = await h.api.postAs<MailboxView>(URL, h.tokens.dana, body({ address: 'sales@example.com' }));
    expect(first.status).toBe(201);
    const again = await h.api.postAs<ErrorBody>(URL, h.tokens.dana, body({ address: 'SALES@example.com' }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('mailbox_exists');
    const other = await h.api.postAs<MailboxView>(URL, h.tokens.dana, body({ address: 'orders@example.com' }));
    const clash = await h.api.put<ErrorBody>(
      `${URL}/${other.body.id}`,
      body({ address: 'sales@example.com' }),
      h.tokens.dana,
    );
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('mailbox_exists');
  });

  it("keeps tenants apart: another tenant's admin neither sees nor changes the mailboxes, and may use the same address", async () => {
    const mine = await h.api.postAs<MailboxView>(URL, h.tokens.dana, body({ address: 'shared@example.com' }));
    const id = mine.body.id;
    const list = await h.api.get<{ mailboxes: MailboxView[] }>(URL, otherAdmin);
    expect(list.status).toBe(200);
    expect(list.body.mailboxes).toEqual([]);
    for (const answer of [
      await h.api.get<ErrorBody>(`${URL}/${id}`, otherAdmin),
      await h.api.put<ErrorBody>(`${URL}/${id}`, body({ address: 'stolen@example.com' }), otherAdmin),
      await h.api.deleteAs<ErrorBody>(`${URL}/${id}`, otherAdmin),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('mailbox_not_found');
    }
    expect((await h.api.get<MailboxView>(`${URL}/${id}`, h.tokens.dana)).body).toMatchObject({
      address: 'shared@example.com',
      enabled: true,
    });
    const theirs = await h.api.postAs<MailboxView>(URL, otherAdmin, body({ address: 'shared@example.com' }));
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(id);
  });
});
