import { loadConfig } from '@switchboard/config';
import { newId } from '@switchboard/ids';
import { classifyFailure } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, testContext, type TestContext, type TestDatabase } from '@switchboard/testing';
import { holdCustomers } from './customer-resolver';
import { IngestRaceException, IngestRaceExceptionCode } from './ingest-race.exception';

describe('holdCustomers, as the ticket transaction locks the customers its batch resolved', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ctx: TestContext;

  beforeAll(async () => {
    testDb = await createTestDatabase('hold_customers');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    ctx = testContext(db);
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('holds customers that are there, and fails the batch as a race (retried) when one was removed or merged', async () => {
    const acme = await ctx.newTenant();
    const kept = await acme.customer({ email: 'kept@example.test' });
    const target = await acme.customer({ email: 'target@example.test' });
    const merged = await acme.customer({ email: 'merged@example.test' });
    await db.query(`UPDATE customers SET merged_into_id = $2 WHERE id = $1`, [merged.id, target.id]);

    await expect(db.transaction((tx) => holdCustomers(tx, [kept.id, kept.id]))).resolves.toBeUndefined();
    const gone = await db.transaction((tx) => holdCustomers(tx, [kept.id, newId()])).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(IngestRaceException);
    expect((gone as IngestRaceException).code).toBe(IngestRaceExceptionCode.CustomerGone);
    expect(classifyFailure(gone)).toBe('transient');
    const raced = await db.transaction((tx) => holdCustomers(tx, [merged.id])).catch((e: unknown) => e);
    expect((raced as IngestRaceException).code).toBe(IngestRaceExceptionCode.CustomerMerged);
  });
});
