import { loadConfig } from '@switchboard/config';
import {
  decodeInboundReceipt,
  decodeTicketEvent,
  InboundReceipt_Outcome,
  Topics,
  type InboundMessage,
} from '@switchboard/contracts';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, testContext, type TestContext, type TestDatabase } from '@switchboard/testing';
import { TenantDirectory } from '../shared/tenant-directory';
import { validateInboundMessage } from './inbound-message.validation';
import { IngestInboundMessagesUseCase } from './ingest-inbound-messages.use-case';
import { InMemoryCapacityStore } from '@switchboard/coordination';

describe('IngestInboundMessagesUseCase on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ingest: IngestInboundMessagesUseCase;
  let ctx: TestContext;

  const run = (messages: InboundMessage[]) =>
    ingest.execute({ messages: messages.map(validateInboundMessage), refused: [] });

  beforeAll(async () => {
    testDb = await createTestDatabase('ingest');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    ctx = testContext(db);
    ingest = new IngestInboundMessagesUseCase({
      db,
      tenants: new TenantDirectory(),
      capacity: new InMemoryCapacityStore(),
    });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('creates numbered tickets, threads follow-ups, drops duplicates, all in one batch', async () => {
    const acme = await ctx.newTenant();
    const first = acme.inboundMessage({ channelMessageId: 'a-1', conversationKey: 'thread-a' });
    const followUp = acme.inboundMessage({ channelMessageId: 'a-2', conversationKey: 'thread-a' });
    const again = acme.inboundMessage({ channelMessageId: 'a-1', conversationKey: 'thread-a' });
    const other = acme.inboundMessage({
      channelMessageId: 'b-1',
      conversationKey: 'thread-b',
      email: 'other@example.com',
    });
    const outcomes = await run([first, followUp, again, other]);
    expect(outcomes.map((o) => o.kind)).toEqual(['created', 'appended', 'duplicate', 'created']);
    const numbers = outcomes.map((o) => ('ticketNumber' in o ? o.ticketNumber : ''));
    expect(numbers).toEqual(['SB-000001', 'SB-000001', 'SB-000001', 'SB-000002']);
    const messages = await db.query(`SELECT 1 FROM ticket_messages WHERE tenant_id = $1`, [acme.id]);
    expect(messages).toHaveLength(3);
    const events = await db.query<{ type: string }>(
      `SELECT type FROM ticket_events WHERE tenant_id = $1 ORDER BY occurred_at, type`,
      [acme.id],
    );
    expect(events.filter((e) => e.type === 'created')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'message_appended')).toHaveLength(1);
  });

  it('answers a resubmission in a later batch with the original ticket number, writing nothing new', async () => {
    const acme = await ctx.newTenant();
    const original = { channelMessageId: 'a-1', conversationKey: 'thread-a' };
    await run([acme.inboundMessage({ channelMessageId: 'a-0', conversationKey: 'thread-0' })]);
    const [created] = await run([acme.inboundMessage(original)]);
    expect(created).toMatchObject({ kind: 'created', ticketNumber: 'SB-000002' });
    const [outcome] = await run([acme.inboundMessage(original)]);
    expect(outcome).toMatchObject({ kind: 'duplicate', ticketNumber: 'SB-000002' });
    expect(await db.query(`SELECT 1 FROM ticket_messages WHERE tenant_id = $1`, [acme.id])).toHaveLength(2);
    expect(await db.query(`SELECT 1 FROM tickets WHERE tenant_id = $1`, [acme.id])).toHaveLength(2);
  });

  it('links repeat contacts of one email address to one customer', async () => {
    const acme = await ctx.newTenant();
    await run([
      acme.inboundMessage({ email: 'Repeat@Example.com' }),
      acme.inboundMessage({ email: 'repeat@example.com' }),
    ]);
    const rows = await db.query(
      `SELECT 1 FROM customer_identities WHERE tenant_id = $1 AND value = 'repeat@example.com'`,
      [acme.id],
    );
    expect(rows).toHaveLength(1);
    const tickets = await db.query<{ n: string; tickets: string }>(
      `SELECT count(DISTINCT t.customer_id) AS n, count(*) AS tickets FROM tickets t
         JOIN customer_identities i ON i.customer_id = t.customer_id
        WHERE t.tenant_id = $1 AND i.value = 'repeat@example.com'`,
      [acme.id],
    );
    expect(tickets[0]).toEqual({ n: '1', tickets: '2' });
  });

  it('rejects an unknown tenant and writes its receipt and the ticket events to the outbox', async () => {
    const globex = await ctx.newTenant();
    const stray = globex.inboundMessage();
    const strayTenant = `nobody-${globex.slug}`;
    stray.tenant = strayTenant;
    const good = globex.inboundMessage();
    const outcomes = await run([stray, good]);
    expect(outcomes.find((o) => o.messageId === stray.messageId)).toMatchObject({
      kind: 'rejected',
      reason: 'unknown_tenant',
    });
    expect(outcomes.find((o) => o.messageId === good.messageId)).toMatchObject({
      kind: 'created',
      ticketNumber: 'SB-000001',
    });
    const outbox = await db.query<{ topic: string; tenant_id: string | null; payload: Buffer }>(
      `SELECT topic, tenant_id, payload FROM outbox ORDER BY id`,
    );
    const receipts = outbox
      .filter((r) => r.topic === Topics.inboundReceipts)
      .map((r) => decodeInboundReceipt(new Uint8Array(r.payload)));
    expect(receipts.find((r) => r.messageId === stray.messageId)?.outcome).toBe(InboundReceipt_Outcome.REJECTED);
    const ticketEvents = outbox.filter((r) => r.topic === Topics.ticketEvents);
    expect(ticketEvents.filter((r) => r.tenant_id === globex.id)).toHaveLength(1);
    const strayEvents = ticketEvents
      .map((r) => decodeTicketEvent(new Uint8Array(r.payload)))
      .filter((e) => e.tenant === strayTenant);
    expect(strayEvents).toEqual([]);
  });

  it('stores a message carrying NUL characters as a ticket, the NULs dropped, on the first try', async () => {
    const acme = await ctx.newTenant();
    const [outcome] = await run([
      acme.inboundMessage({ subject: 'Refund\u0000 please', bodyText: 'Order\u0000 42', name: 'Wei\u0000 Zhang' }),
    ]);
    expect(outcome).toMatchObject({ kind: 'created', ticketNumber: 'SB-000001' });
    const [ticket] = await db.query<{ subject: string }>(`SELECT subject FROM tickets WHERE tenant_id = $1`, [acme.id]);
    expect(ticket?.subject).toBe('Refund please');
    const [message] = await db.query<{ body_text: string }>(
      `SELECT body_text FROM ticket_messages WHERE tenant_id = $1`,
      [acme.id],
    );
    expect(message?.body_text).toBe('Order 42');
  });

  it('refuses one message with a rejected receipt and writes nothing else for it', async () => {
    const acme = await ctx.newTenant();
    const message = validateInboundMessage(acme.inboundMessage());
    const [outcome] = await ingest.refuse(message, 'storage_refused', 'invalid input value');
    expect(outcome).toMatchObject({ kind: 'rejected', reason: 'storage_refused' });
    const outbox = await db.query<{ payload: Buffer }>(
      `SELECT payload FROM outbox WHERE topic = $1 AND tenant_id = $2`,
      [Topics.inboundReceipts, acme.id],
    );
    const receipts = outbox.map((r) => decodeInboundReceipt(new Uint8Array(r.payload)));
    expect(receipts).toEqual([
      expect.objectContaining({
        messageId: message.messageId,
        outcome: InboundReceipt_Outcome.REJECTED,
        rejectReason: 'storage_refused',
      }),
    ]);
    expect(await db.query(`SELECT 1 FROM tickets WHERE tenant_id = $1`, [acme.id])).toEqual([]);
    expect(await db.query(`SELECT 1 FROM customers WHERE tenant_id = $1`, [acme.id])).toEqual([]);
  });

  it('never stores the same message twice when two instances ingest it at once', async () => {
    const acme = await ctx.newTenant();
    const message = acme.inboundMessage({ channelMessageId: 'race-1' });
    const settled = await Promise.allSettled([run([message]), run([message])]);
    if (settled.some((s) => s.status === 'rejected')) await run([message]);
    const rows = await db.query(`SELECT ticket_id FROM ticket_messages WHERE tenant_id = $1`, [acme.id]);
    expect(rows).toHaveLength(1);
    expect(await db.query(`SELECT 1 FROM tickets WHERE tenant_id = $1`, [acme.id])).toHaveLength(1);
  });

  it('rolls a failed batch back whole (no ticket, message or event) and its retry reuses the customer', async () => {
    const acme = await ctx.newTenant();
    const message = acme.inboundMessage({ channelMessageId: 'fails-once', email: 'fails-once@example.com' });
    await db.query(`CREATE FUNCTION refuse_message() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`);
    await db.query(`CREATE TRIGGER refuse_message BEFORE INSERT ON ticket_messages
                    FOR EACH ROW WHEN (NEW.channel_message_id = 'fails-once') EXECUTE FUNCTION refuse_message()`);
    await expect(run([message])).rejects.toThrow(/disk full/);
    const scoped = (sql: string) => db.query(sql, [acme.id]);
    expect(await scoped(`SELECT 1 FROM tickets WHERE tenant_id = $1`)).toHaveLength(0);
    expect(await scoped(`SELECT 1 FROM ticket_messages WHERE tenant_id = $1`)).toHaveLength(0);
    expect(await scoped(`SELECT 1 FROM ticket_events WHERE tenant_id = $1`)).toHaveLength(0);
    const customers = () => scoped(`SELECT customer_id FROM customer_identities WHERE tenant_id = $1`);
    const before = await customers();
    expect(before).toHaveLength(1);

    await db.query(`DROP TRIGGER refuse_message ON ticket_messages`);
    const [outcome] = await run([message]);
    expect(outcome).toMatchObject({ kind: 'created' });
    expect(await customers()).toEqual(before);
    expect(await scoped(`SELECT 1 FROM tickets WHERE tenant_id = $1`)).toHaveLength(1);
  });
});
