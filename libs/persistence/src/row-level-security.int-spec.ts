import { loadConfig } from '@switchboard/config';
import { createTestDatabase, testDatabaseEngine, type TestDatabase } from '@switchboard/testing';
import { openDatabase } from './open-database';
import { pgErrorCode, PgErrorCode } from './postgres-errors';
import type { Database } from './sql-executor';
import { inTenant } from './tenant-scope';

const tenantA = '0190f5d2-0000-7000-8000-00000000000a';
const tenantB = '0190f5d2-0000-7000-8000-00000000000b';
const customerA = '0190f5d2-0000-7000-8000-0000000000ca';
const customerB = '0190f5d2-0000-7000-8000-0000000000cb';
const ticketA = '0190f5d2-0000-7000-8000-0000000000a1';
const ticketB = '0190f5d2-0000-7000-8000-0000000000b1';

async function seedTwoTenants(db: Database): Promise<void> {
  for (const [tenant, slug, customer, ticket] of [
    [tenantA, 'tenant-a', customerA, ticketA],
    [tenantB, 'tenant-b', customerB, ticketB],
  ] as const) {
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $2)`, [tenant, slug]);
    await db.query(`INSERT INTO customers (id, tenant_id, name) VALUES ($1, $2, 'Customer')`, [customer, tenant]);
    await db.query(
      `INSERT INTO tickets (id, tenant_id, number, customer_id, channel, conversation_key, subject)
       VALUES ($1, $2, 'SB-000001', $3, 'web', 'conv', 'original')`,
      [ticket, tenant, customer],
    );
    await db.query(
      `INSERT INTO ticket_events (id, tenant_id, ticket_id, type, actor_kind) VALUES ($1, $2, $1, 'created', 'system')`,
      [ticket, tenant],
    );
  }
}

async function errorCodeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return pgErrorCode(error) ?? 'not a Postgres error';
  }
}

describe(`row-level security per tenant, on ${testDatabaseEngine()}`, () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('rls');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await seedTwoTenants(db);
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it("shows a query that forgets its tenant filter only the scoped tenant's rows", async () => {
    const seen = await inTenant(db, tenantA, (tx) =>
      Promise.all([
        tx.query<{ id: string }>(`SELECT id FROM tickets`),
        tx.query<{ id: string }>(`SELECT id FROM customers`),
        tx.query<{ id: string }>(`SELECT id FROM tenants`),
        tx.query<{ id: string }>(`SELECT id FROM ticket_events`),
      ]),
    );
    expect(seen.map((rows) => rows.map((r) => r.id))).toEqual([[ticketA], [customerA], [tenantA], [ticketA]]);
  });

  it("changes only the scoped tenant's rows when an UPDATE forgets its filter", async () => {
    const updated = await inTenant(db, tenantA, (tx) =>
      tx.query<{ id: string }>(`UPDATE tickets SET subject = 'changed by A' RETURNING id`),
    );
    expect(updated.map((r) => r.id)).toEqual([ticketA]);
    const subjects = await db.query<{ id: string; subject: string }>(`SELECT id, subject FROM tickets ORDER BY id`);
    expect(subjects).toEqual([
      { id: ticketA, subject: 'changed by A' },
      { id: ticketB, subject: 'original' },
    ]);
  });

  it("refuses to write a row into another tenant, and cannot find the other tenant's rows to change", async () => {
    const code = await errorCodeOf(
      inTenant(db, tenantA, (tx) =>
        tx.query(`INSERT INTO companies (id, tenant_id, name) VALUES ($1, $2, 'Smuggled')`, [
          '0190f5d2-0000-7000-8000-0000000000f1',
          tenantB,
        ]),
      ),
    );
    expect(code).toBe(PgErrorCode.insufficientPrivilege);
    const moved = await inTenant(db, tenantA, (tx) =>
      tx.query(`UPDATE tickets SET tenant_id = $1 WHERE id = $2 RETURNING id`, [tenantA, ticketB]),
    );
    expect(moved).toEqual([]);
    const deleted = await inTenant(db, tenantA, (tx) =>
      tx.query(`DELETE FROM customers WHERE id = $1 RETURNING id`, [customerB]),
    );
    expect(deleted).toEqual([]);
    expect(await db.query(`SELECT id FROM customers WHERE id = $1`, [customerB])).toHaveLength(1);
  });

  it('lets the tenant role rewrite no audit row: no privilege, and the trigger for everyone else', async () => {
    expect(await errorCodeOf(inTenant(db, tenantA, (tx) => tx.query(`UPDATE ticket_events SET type = 'forged'`)))).toBe(
      PgErrorCode.insufficientPrivilege,
    );
    expect(await errorCodeOf(inTenant(db, tenantA, (tx) => tx.query(`DELETE FROM ticket_events`)))).toBe(
      PgErrorCode.insufficientPrivilege,
    );
    expect(await errorCodeOf(db.query(`DELETE FROM ticket_events WHERE id = $1`, [ticketA]))).toBe(
      PgErrorCode.insufficientPrivilege,
    );
  });

  it('ends the scope with the transaction: the next statement runs as before', async () => {
    await inTenant(db, tenantA, (tx) => tx.query(`SELECT 1`));
    const everyone = await db.query(`SELECT id FROM tickets`);
    expect(everyone).toHaveLength(2);
  });

  it('isolates every table that has a tenant_id column', async () => {
    const unprotected = await db.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN pg_class k ON k.relname = c.table_name AND k.relkind = 'r'
         JOIN pg_namespace n ON n.oid = k.relnamespace AND n.nspname = c.table_schema
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id'
          AND (NOT k.relrowsecurity OR NOT EXISTS (
                SELECT 1 FROM pg_policies p
                 WHERE p.schemaname = 'public' AND p.tablename = c.table_name AND p.policyname = 'tenant_isolation'))
        ORDER BY 1`,
    );
    expect(unprotected).toEqual([]);
    const tenantTables = await db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'`,
    );
    expect(tenantTables.length).toBeGreaterThanOrEqual(10);
  });
});
