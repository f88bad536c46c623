import { loadConfig } from '@switchboard/config';
import {
  Channel,
  DeliveryReport_Status,
  DeliveryReportSchema,
  create,
  type DeliveryReport,
} from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, testContext, type TestContext, type TestDatabase } from '@switchboard/testing';
import { TenantDirectory } from '../shared/tenant-directory';
import { RecordDeliveryReportUseCase } from './record-delivery-report.use-case';

/** Delivery reports as bounces from real mail servers make them (#12: delays and acknowledgements). */
describe('RecordDeliveryReportUseCase on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ctx: TestContext;
  let useCase: RecordDeliveryReportUseCase;

  beforeAll(async () => {
    testDb = await createTestDatabase('delivery_reports');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    ctx = testContext(db);
    useCase = new RecordDeliveryReportUseCase(db, new TenantDirectory(), () => undefined);
    // Migrating embedded PGlite takes most of a minute on a loaded machine.
  }, 180_000);
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  const notesOf = (ticketId: string) =>
    db.query<{ body_text: string; kind: string }>(
      `SELECT body_text, metadata->>'kind' AS kind FROM ticket_messages WHERE ticket_id = $1 AND direction = 'note'`,
      [ticketId],
    );
  const flagsOf = (tenantId: string) =>
    db.query<{ address: string }>(`SELECT address FROM email_address_flags WHERE tenant_id = $1`, [tenantId]);
  const statusOf = async (messageId: string) =>
    (
      await db.query<{ status: string | null }>(
        `SELECT metadata->>'deliveryStatus' AS status FROM ticket_messages WHERE id = $1`,
        [messageId],
      )
    )[0]?.status;

  const report = (fields: Partial<Omit<DeliveryReport, '$typeName' | '$unknown'>>) =>
    create(DeliveryReportSchema, { channel: Channel.EMAIL, recipient: 'slow@customer.test', ...fields });

  it('records a delay as a note and keeps waiting: the answer is not failed and the address not flagged', async () => {
    const tenant = await ctx.newTenant();
    const ticket = await tenant.ticket();
    const answer = await tenant.message(ticket.id, { direction: 'outbound' });
    const base = { tenant: tenant.slug, ticketId: ticket.id, messageId: answer };
    await useCase.execute(report({ ...base, status: DeliveryReport_Status.SENT }));
    const outcome = await useCase.execute(
      report({ ...base, status: DeliveryReport_Status.DELAYED, detail: '4.4.1 Connection timed out' }),
    );
    expect(outcome).toBe('recorded');
    expect(await statusOf(answer)).toBe('sent');
    const notes = await notesOf(ticket.id);
    expect(notes.map((n) => n.kind)).toEqual(['delivery_delayed']);
    expect(notes[0]?.body_text).toContain('is delayed; the mail server is still trying: 4.4.1');
    expect(await flagsOf(tenant.id)).toEqual([]);
    // The final bounce still fails it afterwards.
    await useCase.execute(report({ ...base, status: DeliveryReport_Status.FAILED, detail: '5.4.7 expired' }));
    expect(await statusOf(answer)).toBe('failed');
    expect(await flagsOf(tenant.id)).toEqual([{ address: 'slow@customer.test' }]);
  });

  it('flags the address and notes the ticket when an acknowledgement (a channel notice) bounces', async () => {
    const tenant = await ctx.newTenant();
    const ticket = await tenant.ticket();
    const outcome = await useCase.execute(
      report({
        tenant: tenant.slug,
        ticketId: ticket.id,
        messageId: newId(),
        status: DeliveryReport_Status.FAILED,
        detail: '5.1.1 user unknown',
        recipient: 'nobody@customer.test',
        channelNotice: true,
      }),
    );
    expect(outcome).toBe('recorded');
    expect(await flagsOf(tenant.id)).toEqual([{ address: 'nobody@customer.test' }]);
    expect((await notesOf(ticket.id)).map((n) => n.kind)).toEqual(['acknowledgement_failed']);
  });
});
