import { newId } from '@switchboard/ids';
import { loadConfig } from '@switchboard/config';
import { Channel, decodeInboundReceipt, Topics, type InboundMessage } from '@switchboard/contracts';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, factory, type InboundMessageOverrides, type TestDatabase } from '@switchboard/testing';
import { validateInboundMessage } from '../ingest-inbound-messages/inbound-message.validation';
import { IngestInboundMessagesUseCase } from '../ingest-inbound-messages/ingest-inbound-messages.use-case';
import { TenantDirectory } from '../shared/tenant-directory';
import { seedTicketTypes } from './seed-ticket-types';
import { InMemoryCapacityStore } from '@switchboard/coordination';

function typedMessage(
  ticketType: string,
  customFields: Record<string, string>,
  overrides: InboundMessageOverrides = {},
): InboundMessage {
  // Distinct text per message, so near-duplicate threading never joins two tests' messages.
  const message = factory.inboundMessage({ tenant: 'typed', bodyText: `case ${newId()}`, ...overrides });
  if (message.hints) message.hints.ticketType = ticketType;
  message.customFields = customFields;
  return message;
}

describe('ingest with ticket types on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  let tenantId: string;
  let ingest: IngestInboundMessagesUseCase;

  const run = (messages: InboundMessage[]) =>
    ingest.execute({ messages: messages.map(validateInboundMessage), refused: [] });
  const ticketOf = async (ticketId: string) => {
    const rows = await db.query<{ key: string | null; incomplete: boolean; custom_fields: Record<string, unknown> }>(
      `SELECT tt.key, t.incomplete, t.custom_fields FROM tickets t LEFT JOIN ticket_types tt ON tt.id = t.type_id WHERE t.id = $1`,
      [ticketId],
    );
    return rows[0];
  };
  const createdTicketId = (outcome: Awaited<ReturnType<typeof run>>[number] | undefined): string => {
    if (outcome?.kind !== 'created') throw new Error(`expected a created ticket, got ${JSON.stringify(outcome)}`);
    return outcome.ticketId;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('ticket-types-ingest');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    tenantId = newId();
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'typed', 'Typed')`, [tenantId]);
    await db.transaction((tx) => seedTicketTypes(tx, tenantId));
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

  it('seeds the six default types once, however often it runs', async () => {
    expect(await db.transaction((tx) => seedTicketTypes(tx, tenantId))).toBe(0);
    const rows = await db.query<{ key: string }>(`SELECT key FROM ticket_types WHERE tenant_id = $1 ORDER BY key`, [
      tenantId,
    ]);
    expect(rows.map((r) => r.key)).toEqual([
      'approval',
      'it_request',
      'project_task',
      'repair',
      'return',
      'supplier_issue',
    ]);
  });

  it('rejects a web message with invalid fields, with per-field errors in its receipt, writing nothing for it', async () => {
    await db.query('DELETE FROM outbox');
    const bad = typedMessage(
      'repair',
      { product_model: 'W7', under_warranty: 'maybe', symptoms: '["leak","leak"]' },
      { email: 'rejected@example.com' },
    );
    const good = typedMessage('repair', { fault: 'x' }, { channel: Channel.EMAIL, email: 'kept@example.com' });
    const [rejected, created] = await run([bad, good]);
    expect(rejected).toMatchObject({ messageId: bad.messageId, kind: 'rejected', reason: 'invalid_fields' });
    expect(created?.kind).toBe('created');
    const receipts = (await db.query<{ topic: string; payload: Buffer }>(`SELECT topic, payload FROM outbox`))
      .filter((r) => r.topic === Topics.inboundReceipts)
      .map((r) => decodeInboundReceipt(new Uint8Array(r.payload)));
    const receipt = receipts.find((r) => r.messageId === bad.messageId);
    expect(receipt?.rejectReason).toBe('invalid_fields');
    expect(Object.fromEntries((receipt?.fieldErrors ?? []).map((e) => [e.field, e.message !== '']))).toEqual({
      fault: true,
      under_warranty: true,
      symptoms: true,
    });
    const traces = await db.query(
      `SELECT 1 FROM customer_identities WHERE value = 'rejected@example.com'
       UNION ALL SELECT 1 FROM ticket_messages WHERE channel_message_id = $1`,
      [bad.channelMessageId],
    );
    expect(traces).toHaveLength(0);
  });

  it('rejects an unknown type from the web, and creates an untyped ticket from email', async () => {
    const [web] = await run([typedMessage('teleport', {})]);
    expect(web).toMatchObject({ kind: 'rejected', reason: 'unknown_ticket_type' });
    const [mail] = await run([typedMessage('teleport', {}, { channel: Channel.EMAIL })]);
    expect(await ticketOf(createdTicketId(mail))).toEqual({ key: null, incomplete: false, custom_fields: {} });
  });

  it('creates a typed ticket from valid web fields, with defaults applied and a fields_changed event', async () => {
    const [outcome] = await run([
      typedMessage('repair', { product_model: 'Washer W7', fault: 'Leaks', symptoms: '["leak","noise"]' }),
    ]);
    const ticketId = createdTicketId(outcome);
    expect(await ticketOf(ticketId)).toEqual({
      key: 'repair',
      incomplete: false,
      custom_fields: {
        product_model: 'Washer W7',
        fault: 'Leaks',
        symptoms: ['leak', 'noise'],
        under_warranty: 'unknown',
      },
    });
    const events = await db.query<{ type: string; source: string }>(
      `SELECT type, source FROM ticket_events WHERE ticket_id = $1 ORDER BY occurred_at, id`,
      [ticketId],
    );
    expect(events).toEqual([
      { type: 'created', source: 'channel' },
      { type: 'fields_changed', source: 'channel' },
    ]);
  });

  it('creates an incomplete ticket from an email naming a type, listing the missing fields in the audit', async () => {
    const [outcome] = await run([
      typedMessage('return', { reason: 'broken', purchase_date: '2026-01-15' }, { channel: Channel.EMAIL }),
    ]);
    const ticketId = createdTicketId(outcome);
    expect(await ticketOf(ticketId)).toEqual({
      key: 'return',
      incomplete: true,
      custom_fields: { purchase_date: '2026-01-15', resolution: 'refund', item_count: 1 },
    });
    const [event] = await db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'fields_changed'`,
      [ticketId],
    );
    expect(event?.data).toMatchObject({
      missingFields: ['order_number', 'reason'],
      droppedFields: [expect.objectContaining({ field: 'reason', reason: 'not_allowed' })],
      after: { ticketType: 'return', incomplete: true },
    });
  });

  it('checks customer references against the tenant in the same batch', async () => {
    const [customer] = await db.query<{ id: string }>(`SELECT id FROM customers WHERE tenant_id = $1 LIMIT 1`, [
      tenantId,
    ]);
    const fields = { project: 'ERP', deliverable: 'Plan', due_date: '2026-04-01' };
    const [unknown, known] = await run([
      typedMessage('project_task', { ...fields, client: newId() }),
      typedMessage('project_task', { ...fields, client: customer?.id ?? '' }),
    ]);
    expect(unknown).toMatchObject({ kind: 'rejected', reason: 'invalid_fields' });
    expect((await ticketOf(createdTicketId(known)))?.custom_fields['client']).toBe(customer?.id);
  });

  it('leaves the type of an existing ticket alone when a follow-up names another type', async () => {
    const first = typedMessage('it_request', { request_kind: 'access', details: 'VPN' }, { conversationKey: 'it-1' });
    const [created] = await run([first]);
    const followUp = typedMessage('supplier_issue', {}, { conversationKey: 'it-1', channel: Channel.WEB });
    const [appended] = await run([followUp]);
    expect(appended).toMatchObject({ kind: 'rejected', reason: 'invalid_fields' });
    const mailFollowUp = typedMessage('supplier_issue', {}, { conversationKey: 'it-1', channel: Channel.EMAIL });
    const [mailAppended] = await run([mailFollowUp]);
    expect(mailAppended?.kind).toBe('appended');
    expect((await ticketOf(createdTicketId(created)))?.key).toBe('it_request');
  });
});
