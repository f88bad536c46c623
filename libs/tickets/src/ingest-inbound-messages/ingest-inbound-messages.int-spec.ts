import { newId } from '@switchboard/ids';
import { loadConfig } from '@switchboard/config';
import { decodeInboundReceipt, InboundReceipt_Outcome, Topics } from '@switchboard/contracts';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, factory, type TestDatabase } from '@switchboard/testing';
import { TenantDirectory } from '../shared/tenant-directory';
import { validateInboundMessage } from './inbound-message.validation';
import { IngestInboundMessagesUseCase } from './ingest-inbound-messages.use-case';
import { InMemoryCapacityStore } from '@switchboard/coordination';

describe('IngestInboundMessagesUseCase on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ingest: IngestInboundMessagesUseCase;

  const run = (messages: ReturnType<typeof factory.inboundMessage>[]) =>
    ingest.execute({ messages: messages.map(validateInboundMessage), refused: [] });

  beforeAll(async () => {
    testDb = await createTestDatabase('ingest');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'acme', 'Acme'), ($2, 'globex', 'Globex')`, [
      newId(),
      newId(),
    ]);
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
    const first = factory.inboundMessage({ channelMessageId: 'a-1', conversationKey: 'thread-a' });
    const followUp = factory.inboundMessage({ channelMessageId: 'a-2', conversationKey: 'thread-a' });
    const again = factory.inboundMessage({ channelMessageId: 'a-1', conversationKey: 'thread-a' });
    const other = factory.inboundMessage({
      channelMessageId: 'b-1',
      conversationKey: 'thread-b',
      email: 'other@example.com',
    });
    const outcomes = await run([first, followUp, again, other]);
    expect(outcomes.map((o) => o.kind)).toEqual(['created', 'appended', 'duplicate', 'created']);
    const numbers = outcomes.map((o) => ('ticketNumber' in o ? o.ticketNumber : ''));
    expect(numbers).toEqual(['SB-000001', 'SB-000001', 'SB-000001', 'SB-000002']);
    const messages = await db.query(`SELECT 1 FROM ticket_messages`);
    expect(messages).toHaveLength(3);
    const events = await db.query<{ type: string }>(`SELECT type FROM ticket_events ORDER BY occurred_at, type`);
    expect(events.filter((e) => e.type === 'created')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'message_appended')).toHaveLength(1);
  });

  it('answers a resubmission in a later batch with the original ticket number, writing nothing new', async () => {
    const [outcome] = await run([factory.inboundMessage({ channelMessageId: 'a-1', conversationKey: 'thread-a' })]);
    expect(outcome).toMatchObject({ kind: 'duplicate', ticketNumber: 'SB-000001' });
    expect(await db.query(`SELECT 1 FROM ticket_messages`)).toHaveLength(3);
  });

  it('links repeat contacts of one email address to one customer', async () => {
    await run([
      factory.inboundMessage({ email: 'Repeat@Example.com' }),
      factory.inboundMessage({ email: 'repeat@example.com' }),
    ]);
    const rows = await db.query(`SELECT 1 FROM customer_identities WHERE value = 'repeat@example.com'`);
    expect(rows).toHaveLength(1);
    const tickets = await db.query<{ n: string }>(
      `SELECT count(DISTINCT t.customer_id) AS n FROM tickets t JOIN customer_identities i ON i.customer_id = t.customer_id WHERE i.value = 'repeat@example.com'`,
    );
    expect(tickets[0]?.n).toBe('1');
  });

  it('rejects an unknown tenant and writes its receipt and the ticket events to the outbox', async () => {
    await db.query('DELETE FROM outbox');
    const stray = factory.inboundMessage({ tenant: 'nobody' });
    const good = factory.inboundMessage({ tenant: 'globex' });
    const outcomes = await run([stray, good]);
    expect(outcomes.find((o) => o.messageId === stray.messageId)).toMatchObject({
      kind: 'rejected',
      reason: 'unknown_tenant',
    });
    expect(outcomes.find((o) => o.messageId === good.messageId)).toMatchObject({
      kind: 'created',
      ticketNumber: 'SB-000001',
    });
    const outbox = await db.query<{ topic: string; key: string; payload: Buffer }>(
      `SELECT topic, key, payload FROM outbox ORDER BY id`,
    );
    const receipts = outbox
      .filter((r) => r.topic === Topics.inboundReceipts)
      .map((r) => decodeInboundReceipt(new Uint8Array(r.payload)));
    expect(receipts.find((r) => r.messageId === stray.messageId)?.outcome).toBe(InboundReceipt_Outcome.REJECTED);
    expect(outbox.filter((r) => r.topic === Topics.ticketEvents)).toHaveLength(1);
  });

  it('never stores the same message twice when two instances ingest it at once', async () => {
    const message = factory.inboundMessage({ channelMessageId: 'race-1' });
    const settled = await Promise.allSettled([run([message]), run([message])]);
    if (settled.some((s) => s.status === 'rejected')) await run([message]);
    const rows = await db.query(`SELECT 1 FROM ticket_messages WHERE channel_message_id = 'race-1'`);
    expect(rows).toHaveLength(1);
    const tickets = await db.query(
      `SELECT 1 FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id WHERE m.channel_message_id = 'race-1'`,
    );
    expect(tickets).toHaveLength(1);
  });

  it('rolls a failed batch back whole (no ticket, message or event) and its retry reuses the customer', async () => {
    const message = factory.inboundMessage({ channelMessageId: 'fails-once', email: 'fails-once@example.com' });
    await db.query(`CREATE FUNCTION refuse_message() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`);
    await db.query(`CREATE TRIGGER refuse_message BEFORE INSERT ON ticket_messages
                    FOR EACH ROW WHEN (NEW.channel_message_id = 'fails-once') EXECUTE FUNCTION refuse_message()`);
    await expect(run([message])).rejects.toThrow(/disk full/);
    const ticketsOf = () =>
      db.query(
        `SELECT t.id FROM tickets t JOIN customer_identities i ON i.customer_id = t.customer_id
          WHERE i.value = 'fails-once@example.com'`,
      );
    expect(await ticketsOf()).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM ticket_messages WHERE channel_message_id = 'fails-once'`)).toHaveLength(0);
    const customers = () =>
      db.query(`SELECT customer_id FROM customer_identities WHERE value = 'fails-once@example.com'`);
    const before = await customers();
    expect(before).toHaveLength(1);

    await db.query(`DROP TRIGGER refuse_message ON ticket_messages`);
    const [outcome] = await run([message]);
    expect(outcome).toMatchObject({ kind: 'created' });
    expect(await customers()).toEqual(before);
    expect(await ticketsOf()).toHaveLength(1);
  });
});
