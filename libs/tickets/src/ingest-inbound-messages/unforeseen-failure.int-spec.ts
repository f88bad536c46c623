import { loadConfig } from '@switchboard/config';
import { dlqTopicOf, encodeInboundMessage, Headers, Topics, type InboundMessage } from '@switchboard/contracts';
import { InMemoryCapacityStore } from '@switchboard/coordination';
import { InProcessTransport, type IncomingRecord } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, testContext, type TestContext, type TestDatabase } from '@switchboard/testing';
import { findReceipt } from '../inbound-receipts/inbound-receipts.repository';
import { TenantDirectory } from '../shared/tenant-directory';
import { ingestInboundBatch } from './inbound-batch';
import { IngestInboundMessagesUseCase } from './ingest-inbound-messages.use-case';

async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A failure nothing classifies (a trigger raising P0001 stands in for a bug): the real transport loop
 * retries it, isolates the record, and on the attempt that gives it up the ticket service refuses it
 * with a receipt before the DLQ takes it; the rest of the batch becomes tickets.
 */
describe('an inbound message that fails for an unforeseen reason', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ctx: TestContext;
  let transport: InProcessTransport;

  beforeAll(async () => {
    testDb = await createTestDatabase('unforeseen');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    ctx = testContext(db);
    await db.query(`
      CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.body_text = 'poison' THEN RAISE EXCEPTION 'unforeseen: the test trigger refused it'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON ticket_messages FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    transport = new InProcessTransport();
    const ingest = new IngestInboundMessagesUseCase({
      db,
      tenants: new TenantDirectory(),
      capacity: new InMemoryCapacityStore(),
    });
    await transport.subscribe({
      topic: Topics.inboundMessages,
      groupId: 'unforeseen-spec',
      retry: { maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 5 },
      handler: (records, attempt) =>
        ingestInboundBatch(
          ingest,
          records,
          { messagesIngested: () => undefined },
          attempt ?? { attempt: 1, final: false },
        ),
    });
  });
  afterAll(async () => {
    await transport.close();
    await db.close();
    await testDb.drop();
  });

  const publish = (messages: InboundMessage[]) =>
    transport.publish(
      Topics.inboundMessages,
      messages.map((m) => ({
        key: m.conversationKey,
        value: encodeInboundMessage(m),
        headers: { [Headers.tenantId]: m.tenant },
      })),
    );

  it('answers the sender with a processing_failed receipt, dead-letters it with the reason and keeps no half-written customer', async () => {
    const acme = await ctx.newTenant();
    const poison = acme.inboundMessage({ bodyText: 'poison', email: 'poison@example.test' });
    const fine = acme.inboundMessage({ bodyText: 'my kettle is broken', email: 'fine@example.test' });
    const dead: IncomingRecord[] = [];
    await transport.subscribe({
      topic: dlqTopicOf(Topics.inboundMessages),
      groupId: 'unforeseen-spec-dlq',
      handler: async (records) => void dead.push(...records),
    });
    await publish([poison, fine]);

    const receipt = await eventually('the refusal receipt', () => findReceipt(db, acme.slug, poison.messageId));
    expect(receipt).toMatchObject({ outcome: 'rejected', rejectReason: 'processing_failed', ticketNumber: null });
    expect(receipt.rejectDetail).toContain('unforeseen: the test trigger refused it');
    const letter = await eventually('the dead letter', async () => dead[0]);
    expect(letter.headers[Headers.dlqError]).toContain('processing_failed');
    expect(dead).toHaveLength(1);

    expect(await findReceipt(db, acme.slug, fine.messageId)).toMatchObject({ outcome: 'created' });
    const customers = await db.query<{ email: string }>(
      `SELECT i.value AS email FROM customer_identities i WHERE i.tenant_id = $1 AND i.kind = 'email'`,
      [acme.id],
    );
    expect(customers.map((c) => c.email)).toEqual(['fine@example.test']);
  });

  it('keeps a customer somebody else uses: one with a ticket already, or one a CRM synced', async () => {
    const acme = await ctx.newTenant();
    const regular = await acme.customer({ email: 'regular@example.test' });
    await acme.ticket({ customerId: regular.id });
    const synced = await acme.customer({ email: 'synced@example.test' });
    await db.query(`UPDATE customers SET tier = 'gold' WHERE id = $1`, [synced.id]);
    const messages = [
      acme.inboundMessage({ bodyText: 'poison', email: 'regular@example.test' }),
      acme.inboundMessage({ bodyText: 'poison', email: 'synced@example.test' }),
    ];
    await publish(messages);
    for (const m of messages)
      expect(await eventually('the refusal receipt', () => findReceipt(db, acme.slug, m.messageId))).toMatchObject({
        rejectReason: 'processing_failed',
      });
    const kept = await db.query<{ id: string }>(`SELECT id FROM customers WHERE tenant_id = $1 ORDER BY id`, [acme.id]);
    expect(kept.map((c) => c.id).sort()).toEqual([regular.id, synced.id].sort());
  });
});
