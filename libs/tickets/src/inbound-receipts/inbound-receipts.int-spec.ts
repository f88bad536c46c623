import { loadConfig } from '@switchboard/config';
import { InMemoryCapacityStore } from '@switchboard/coordination';
import { openDatabase, type Database } from '@switchboard/persistence';
import {
  createTestDatabase,
  inboundMessage,
  testContext,
  type TestContext,
  type TestDatabase,
} from '@switchboard/testing';
import { newId } from '@switchboard/ids';
import { validateInboundMessage } from '../ingest-inbound-messages/inbound-message.validation';
import { IngestInboundMessagesUseCase } from '../ingest-inbound-messages/ingest-inbound-messages.use-case';
import { TenantDirectory } from '../shared/tenant-directory';
import { findReceipt } from './inbound-receipts.repository';
import { RECEIPT_RETENTION_DAYS, ReceiptRetentionService } from './receipt-retention.service';

describe('inbound receipts are kept in Postgres with the batch that decided them', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ingest: IngestInboundMessagesUseCase;
  let ctx: TestContext;

  beforeAll(async () => {
    testDb = await createTestDatabase('receipts');
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

  it('keeps created, appended and duplicate outcomes with their ticket number; the first receipt of an id wins', async () => {
    const acme = await ctx.newTenant();
    const first = acme.inboundMessage({ channelMessageId: 'r-1', conversationKey: 'thread-r' });
    const followUp = acme.inboundMessage({ channelMessageId: 'r-2', conversationKey: 'thread-r' });
    const resent = acme.inboundMessage({ channelMessageId: 'r-1', conversationKey: 'thread-r' });
    await ingest.execute({ messages: [first, followUp, resent].map(validateInboundMessage), refused: [] });
    // The same record published twice (at-least-once): its second outcome is "duplicate".
    await ingest.execute({ messages: [validateInboundMessage(first)], refused: [] });

    const [a, b, c] = await Promise.all([first, followUp, resent].map((m) => findReceipt(db, acme.slug, m.messageId)));
    expect(a).toMatchObject({ outcome: 'created', ticketNumber: 'SB-000001', channel: 'web', rejectReason: null });
    expect(b).toMatchObject({ outcome: 'appended', ticketNumber: 'SB-000001' });
    expect(c).toMatchObject({ outcome: 'duplicate', ticketNumber: 'SB-000001' });
    expect(await findReceipt(db, 'another-tenant', first.messageId)).toBeUndefined();
  });

  it('keeps every refusal with its reason: unknown tenant, invalid message, storage refused', async () => {
    const acme = await ctx.newTenant();
    const stranger = inboundMessage({ tenant: 'no-such-tenant' });
    const invalid = {
      messageId: newId(),
      tenantSlug: acme.slug,
      channelMessageId: 'x',
      reason: 'invalid_message' as const,
      detail: 'subject: too long',
    };
    await ingest.execute({ messages: [validateInboundMessage(stranger)], refused: [invalid] });
    const unstorable = validateInboundMessage(acme.inboundMessage());
    await ingest.refuse(unstorable, 'storage_refused', 'invalid byte sequence\u0000');

    expect(await findReceipt(db, 'no-such-tenant', stranger.messageId)).toMatchObject({
      outcome: 'rejected',
      rejectReason: 'unknown_tenant',
      ticketNumber: null,
    });
    expect(await findReceipt(db, acme.slug, invalid.messageId)).toMatchObject({
      outcome: 'rejected',
      rejectReason: 'invalid_message',
      rejectDetail: 'subject: too long',
    });
    expect(await findReceipt(db, acme.slug, unstorable.messageId)).toMatchObject({
      rejectReason: 'storage_refused',
      rejectDetail: 'invalid byte sequence',
    });
  });

  it('skips a record too malformed to be asked about instead of failing its batch', async () => {
    const acme = await ctx.newTenant();
    const good = acme.inboundMessage();
    const malformed = {
      messageId: 'not-a-uuid\u0000',
      tenantSlug: 'Bad Slug',
      channelMessageId: '',
      reason: 'invalid_message' as const,
      detail: '',
    };
    const outcomes = await ingest.execute({ messages: [validateInboundMessage(good)], refused: [malformed] });
    expect(outcomes.map((o) => o.kind)).toEqual(['rejected', 'created']);
    expect(await findReceipt(db, acme.slug, good.messageId)).toMatchObject({ outcome: 'created' });
    expect(await db.query(`SELECT 1 FROM inbound_receipts WHERE message_id LIKE 'not-a-uuid%'`)).toHaveLength(0);
  });

  it('forgets receipts older than the retention and keeps the rest', async () => {
    const acme = await ctx.newTenant();
    const old = acme.inboundMessage();
    const recent = acme.inboundMessage();
    await ingest.execute({ messages: [old, recent].map(validateInboundMessage), refused: [] });
    await db.query(
      `UPDATE inbound_receipts SET created_at = now() - make_interval(days => $1 + 1) WHERE message_id = $2`,
      [RECEIPT_RETENTION_DAYS, old.messageId],
    );
    await new ReceiptRetentionService(db).sweep();
    expect(await findReceipt(db, acme.slug, old.messageId)).toBeUndefined();
    expect(await findReceipt(db, acme.slug, recent.messageId)).toMatchObject({ outcome: 'created' });
  });
});
