import { spawn } from 'node:child_process';
import pg from 'pg';
import {
  deliver,
  deliverRaw,
  readInbox,
  testMailboxSettings,
  uniqueAddress,
  waitUntil,
} from '@switchboard/channel-email/testing';
import { createTestDatabase, distributedEnv, type TestDatabase } from '@switchboard/testing';
import { login, postJson } from './support/http-client';
import { distEntry, freePort, repoRoot, serviceNodeArgs, ServiceProcess } from './support/service-process';
import { bounceMail, newMessageId } from './support/mail-fixtures';

interface TicketRow {
  id: string;
  number: string;
  assignee_email: string | null;
}

/**
 * The email channel as its own OS process against GreenMail (infra/mail/start), Kafka, Postgres and
 * Redis, next to ticket-service, routing-service and agent-api processes.
 */
describe('email channel, distributed: SMTP → channel-email → Kafka → tickets → reply over SMTP', () => {
  let database: TestDatabase;
  let sql: pg.Pool;
  const services: ServiceProcess[] = [];
  let channel: ServiceProcess;
  let apiBase: string;
  let env: Record<string, string>;
  const support = uniqueAddress('desk');

  const startChannel = async (): Promise<ServiceProcess> => {
    const started = new ServiceProcess('channel-email', 'apps/channel-email/src/main.ts', env);
    await started.waitFor(/channel-email ready/);
    return started;
  };
  const ticketOf = async (messageId: string): Promise<TicketRow | undefined> =>
    (
      await sql.query<TicketRow>(
        `SELECT t.id, t.number, a.email AS assignee_email FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
           LEFT JOIN agents a ON a.id = t.assignee_id WHERE m.channel = 'email' AND m.channel_message_id = $1`,
        [messageId],
      )
    ).rows[0];
  const countEmailMessages = async (): Promise<number> =>
    Number(
      (
        await sql.query<{ n: string }>(
          `SELECT count(*) AS n FROM ticket_messages WHERE channel = 'email' AND direction = 'inbound'`,
        )
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    database = await createTestDatabase('e2e_email');
    sql = new pg.Pool({ connectionString: database.url, max: 2 });
    const apiPort = await freePort();
    apiBase = `http://127.0.0.1:${apiPort}`;
    env = {
      // No shared PORT: every service now answers /health and /metrics on PORT, so each takes a free one.
      ...distributedEnv('e2e', database.url),
      AGENT_API_PORT: String(apiPort),
      EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [testMailboxSettings('demo', support)] }),
      EMAIL_FETCH_BATCH_SIZE: '5',
    };
    const ticketService = new ServiceProcess('ticket-service', 'apps/ticket-service/src/main.ts', {
      ...env,
      SEED_DEMO: 'true',
    });
    services.push(ticketService);
    await ticketService.waitFor(/ticket-service ready/);
    services.push(
      new ServiceProcess('routing-service', 'apps/routing-service/src/main.ts', env),
      new ServiceProcess('agent-api', 'apps/agent-api/src/main.ts', env),
    );
    await Promise.all(services.slice(1).map((s) => s.waitFor(new RegExp(`${s.name} ready`))));
    channel = await startChannel();
  }, 180_000);

  afterAll(async () => {
    const codes = await Promise.all([...services, channel].map((s) => s.stop()));
    await sql?.end();
    await database?.drop();
    expect(codes.every((code) => code === 0)).toBe(true);
  }, 60_000);

  it('routes a mail, delivers the agent reply threaded, appends the customer answer; OOO is ignored; a bounce fails the reply', async () => {
    const customer = uniqueAddress('chen.jing', 'customer.test');
    const first = newMessageId();
    await deliver({
      from: `Chen Jing <${customer}>`,
      to: support,
      subject: 'VPN down',
      text: 'VPN drops every hour.',
      messageId: first,
    });
    const ticket = await waitUntil(
      'a routed ticket',
      async () => {
        const t = await ticketOf(first);
        return t?.assignee_email ? t : undefined;
      },
      30_000,
    );
    await waitUntil('the acknowledgement', async () => (await readInbox(customer))[0]);

    const token = await login(apiBase, ticket.assignee_email ?? '');
    const posted = await postJson<{ reply: { id: string } }>(
      `${apiBase}/api/v1/tickets/${ticket.number}/replies`,
      { bodyText: 'Please update the VPN client to 5.2.' },
      { authorization: `Bearer ${token}` },
    );
    expect(posted.status).toBe(201);
    const ours = await waitUntil(
      'our reply in the customer mailbox',
      async () => (await readInbox(customer))[1],
      30_000,
    );
    expect(ours.parsed.subject).toBe(`Re: VPN down [#${ticket.number}]`);
    expect(ours.parsed.inReplyTo).toBe(first);
    expect(ours.parsed.references).toEqual([first]);

    const answer = newMessageId();
    await deliver({
      from: customer,
      to: (ours.parsed.headers.get('reply-to')?.[0] ?? '').replace(/^.*<|>.*$/g, ''),
      envelopeTo: support,
      subject: `Re: ${ours.parsed.subject}`,
      text: 'Updated, works.',
      messageId: answer,
      inReplyTo: ours.parsed.messageId ?? '',
      references: [first, ours.parsed.messageId ?? ''],
    });
    expect((await waitUntil('the answer on the ticket', () => ticketOf(answer), 30_000)).id).toBe(ticket.id);

    const before = await countEmailMessages();
    const ooo = newMessageId();
    await deliver({
      from: customer,
      to: support,
      subject: `Out of office: Re: ${ours.parsed.subject}`,
      text: 'Away until Monday.',
      messageId: ooo,
      inReplyTo: ours.parsed.messageId ?? '',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await deliverRaw(
      'mailer-daemon@customer.test',
      support,
      bounceMail({ originalMessageId: ours.parsed.messageId ?? '', recipient: customer, support, returns: 'message' }),
    );
    await waitUntil(
      'the reply marked failed',
      async () => {
        const rows = await sql.query<{ status: string }>(
          `SELECT metadata->>'deliveryStatus' AS status FROM ticket_messages WHERE id = $1`,
          [posted.body.reply.id],
        );
        return rows.rows[0]?.status === 'failed' ? true : undefined;
      },
      30_000,
    );
    // The OOO came before the bounce in the same mailbox, so it has been handled by now: it added nothing.
    expect(await ticketOf(ooo)).toBeUndefined();
    expect(await countEmailMessages()).toBe(before);
    expect(await readInbox(customer)).toHaveLength(2);
  }, 120_000);

  it('loses and duplicates nothing when channel-email is killed mid-stream and restarted', async () => {
    await channel.stop();
    const before = await countEmailMessages();
    const customer = uniqueAddress('many', 'customer.test');
    const ids = Array.from({ length: 40 }, () => newMessageId());
    for (const [i, id] of ids.entries()) {
      await deliver({ from: customer, to: support, subject: `Batch ${i}`, text: `mail ${i}`, messageId: id });
    }
    // SIGKILL, not a graceful stop: whatever was published but not yet recorded in the cursor is
    // fetched and published again, and the ticket service's Message-ID dedup must absorb it.
    const doomed = spawn(process.execPath, [...serviceNodeArgs(), distEntry('apps/channel-email/src/main.ts')], {
      cwd: repoRoot,
      env: { ...process.env, ...env, PORT: '0' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => doomed.once('exit', resolve));
    await waitUntil('the first mails', async () => ((await countEmailMessages()) > before ? true : undefined), 60_000);
    doomed.kill('SIGKILL');
    await exited;
    const midway = (await countEmailMessages()) - before;
    channel = await startChannel();
    await waitUntil(
      'every mail',
      async () => ((await countEmailMessages()) >= before + ids.length ? true : undefined),
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(midway).toBeLessThan(ids.length);
    expect(await countEmailMessages()).toBe(before + ids.length);
    const stored = await sql.query<{ channel_message_id: string }>(
      `SELECT channel_message_id FROM ticket_messages WHERE channel_message_id = ANY($1::text[])`,
      [ids],
    );
    expect(stored.rows.map((r) => r.channel_message_id).sort()).toEqual([...ids].sort());
  }, 120_000);
});
