import { loadEmailChannelConfig } from '@switchboard/channel-email';
import {
  deliver,
  deliverRaw,
  readInbox,
  testMailboxSettings,
  uniqueAddress,
  waitUntil,
} from '@switchboard/channel-email/testing';
import { loadConfig } from '@switchboard/config';
import { DEMO_PASSWORD, seedDemoTenant } from '@switchboard/demo';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack';
import { bounceMail, newMessageId } from './support/mail-fixtures';

interface TicketRow {
  id: string;
  number: string;
  assignee_email: string | null;
}

/** The whole reply loop in one process: SMTP in, routing, an agent's reply out, the customer's answer, a bounce. */
describe('email replies (agent API → SMTP → customer mailbox → back; bounces)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let stack: InProcessStack;
  const support = uniqueAddress('help');

  const ticketOf = async (messageId: string): Promise<TicketRow | undefined> => {
    const rows = await db.query<TicketRow>(
      `SELECT t.id, t.number, a.email AS assignee_email FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
         LEFT JOIN agents a ON a.id = t.assignee_id WHERE m.channel = 'email' AND m.channel_message_id = $1`,
      [messageId],
    );
    return rows[0];
  };
  const deliveryStatusOf = async (messageId: string): Promise<string | undefined> => {
    const rows = await db.query<{ status: string | null }>(
      `SELECT metadata->>'deliveryStatus' AS status FROM ticket_messages WHERE id = $1`,
      [messageId],
    );
    return rows[0]?.status ?? undefined;
  };
  const login = async (email: string): Promise<string> => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { tenant: 'demo', email, password: DEMO_PASSWORD },
    });
    return res.json<{ accessToken: string }>().accessToken;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('email_replies');
    const env = { DATABASE_URL: testDb.url, JWT_SECRET: 'email-replies-secret-0123456789abcdef0123' };
    db = await openDatabase(loadConfig(env));
    await seedDemoTenant(db);
    transport = new InProcessTransport();
    // Tickets, routing, the agent API and the email channel in one app, sharing one capacity store.
    stack = await startInProcessStack({
      db,
      transport,
      env,
      features: ['tickets', 'routing', 'agent-api'],
      email: {
        config: loadEmailChannelConfig({
          EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [testMailboxSettings('demo', support)] }),
        }),
        env: {},
      },
    });
  }, 60_000);

  afterAll(async () => {
    await stack.close();
    await transport.close();
    await db.close();
    await testDb.drop();
  }, 60_000);

  it('routes the mail, sends the agent reply into the thread, appends the answer, and marks a bounce failed', async () => {
    const customer = uniqueAddress('zhang.wei', 'customer.test');
    const first = newMessageId();
    await deliver({
      from: `Zhang Wei <${customer}>`,
      to: support,
      subject: 'Invoice wrong',
      text: 'Amount is wrong.',
      messageId: first,
    });
    const ticket = await waitUntil('a routed ticket', async () => {
      const t = await ticketOf(first);
      return t?.assignee_email ? t : undefined;
    });
    const ack = await waitUntil('the acknowledgement', async () => (await readInbox(customer))[0]);

    const token = await login(ticket.assignee_email ?? '');
    const posted = await stack.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/replies`,
      headers: { authorization: `Bearer ${token}` },
      payload: { bodyText: 'We corrected the invoice.' },
    });
    expect(posted.statusCode).toBe(201);
    const reply = posted.json<{ reply: { id: string } }>().reply;

    const received = await waitUntil('the reply in the customer mailbox', async () => (await readInbox(customer))[1]);
    expect(received.parsed.subject).toBe(`Re: Invoice wrong [#${ticket.number}]`);
    expect(received.parsed.text.trim()).toBe('We corrected the invoice.');
    expect(received.parsed.inReplyTo).toBe(first);
    expect(received.parsed.references).toContain(first);
    expect(received.parsed.headers.get('reply-to')?.[0]).toMatch(
      new RegExp(`^${support.split('@')[0] ?? ''}\\+[a-z0-9]{16}@example\\.test$`),
    );
    expect(received.parsed.messageId).toMatch(/@example\.test>$/);
    await waitUntil('delivery status sent', async () =>
      (await deliveryStatusOf(reply.id)) === 'sent' ? true : undefined,
    );

    // The customer answers our reply from their mail client: to the Reply-To, threading headers kept.
    const answer = newMessageId();
    const replyTo = received.parsed.headers.get('reply-to')?.[0] ?? '';
    await deliver({
      from: customer,
      to: replyTo.replace(/^.*<|>.*$/g, ''),
      envelopeTo: support,
      subject: `Re: ${received.parsed.subject}`,
      text: 'Thanks, looks right now.\n\n> We corrected the invoice.',
      messageId: answer,
      inReplyTo: received.parsed.messageId ?? '',
      references: [first, received.parsed.messageId ?? ''],
    });
    const appended = await waitUntil('the answer on the ticket', () => ticketOf(answer));
    expect(appended.id).toBe(ticket.id);
    expect(ack.parsed.subject).toContain(ticket.number);
    expect(await readInbox(customer)).toHaveLength(2);

    // The customer's server later bounces our reply (RFC 3464 report quoting our Message-ID).
    await deliverRaw(
      'mailer-daemon@customer.test',
      support,
      bounceMail({
        originalMessageId: received.parsed.messageId ?? '',
        recipient: customer,
        support,
        returns: 'headers',
      }),
    );
    await waitUntil('delivery status failed', async () =>
      (await deliveryStatusOf(reply.id)) === 'failed' ? true : undefined,
    );
    const notes = await db.query<{ body_text: string }>(
      `SELECT body_text FROM ticket_messages WHERE ticket_id = $1 AND direction = 'note'`,
      [ticket.id],
    );
    expect(notes.map((n) => n.body_text)).toEqual([expect.stringContaining('550 5.1.1')]);
    const flags = await db.query(`SELECT reason FROM email_address_flags WHERE address = $1`, [customer]);
    expect(flags).toEqual([{ reason: 'delivery_failed' }]);
    const audit = await db.query<{ type: string; data: { after: Record<string, unknown> } }>(
      `SELECT type, data FROM ticket_events WHERE ticket_id = $1 AND type IN ('delivery_status_changed', 'message_appended')
        ORDER BY occurred_at, id`,
      [ticket.id],
    );
    expect(audit.filter((e) => e.type === 'delivery_status_changed').map((e) => e.data.after)).toEqual([
      { deliveryStatus: 'sent' },
      { deliveryStatus: 'failed' },
    ]);
    // The bounce itself is never a ticket message, nor acknowledged.
    expect(stack.channel.counters.get('bounce_matched')).toBe(1);

    // Resolved, then the customer writes again in the thread: the team's reopen policy (reopen) applies.
    const resolved = await stack.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticket.number}/status`,
      headers: { authorization: `Bearer ${token}` },
      payload: { status: 'resolved' },
    });
    expect(resolved.statusCode).toBe(200);
    const again = newMessageId();
    await deliver({
      from: customer,
      to: support,
      subject: `Re: ${received.parsed.subject}`,
      text: 'It is wrong again this month.',
      messageId: again,
      inReplyTo: received.parsed.messageId ?? '',
    });
    expect((await waitUntil('the reopening mail', () => ticketOf(again))).id).toBe(ticket.id);
    const [status] = await db.query<{ status: string }>(`SELECT status FROM tickets WHERE id = $1`, [ticket.id]);
    expect(status?.status).toBe('in_progress');
  }, 60_000);
});
