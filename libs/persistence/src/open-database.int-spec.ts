import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@switchboard/config';
import { newId } from '@switchboard/ids';
import { createTestDatabase, testContext, type TestDatabase } from '@switchboard/testing';
import { openDatabase } from './open-database';
import type { Database } from './sql-executor';
import { pgErrorCode, PgErrorCode } from './postgres-errors';

async function exerciseSchema(db: Database): Promise<void> {
  const { id: tenantId } = await testContext(db).newTenant({ name: 'Acme' });
  const counted = await db.transaction(async (tx) => {
    await tx.query(`SELECT nextval(ticket_number_sequence($1)::regclass) FROM generate_series(1, 5)`, [tenantId]);
    return tx.query<{ n: string }>(`SELECT nextval(ticket_number_sequence($1)::regclass) AS n`, [tenantId]);
  });
  expect(counted[0]?.n).toBe('6');
  await expect(
    db.transaction(async (tx) => {
      await tx.query(`UPDATE tenants SET name = 'rolled back' WHERE id = $1`, [tenantId]);
      throw new Error('abort');
    }),
  ).rejects.toThrow('abort');
  const names = await db.query<{ name: string }>(`SELECT name FROM tenants WHERE id = $1`, [tenantId]);
  expect(names[0]?.name).toBe('Acme');
}

/** Many statements at once must each get their own answer (PGlite is one session behind a socket). */
async function concurrentQueriesKeepTheirAnswers(db: Database): Promise<void> {
  const answers = await Promise.all(
    // Distinct statement texts: interleaved Parse/Bind of two connections would pair one's text with the other's values.
    Array.from({ length: 50 }, (_, i) =>
      db.query<{ n: number; s: string }>(`SELECT ${i}::int AS n, $1::text AS s`, [`v${i}`]),
    ),
  );
  expect(answers.map((rows) => rows[0])).toEqual(Array.from({ length: 50 }, (_, i) => ({ n: i, s: `v${i}` })));
  const mixed = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? db.query<{ n: number }>(`SELECT ${i}::int AS n WHERE $1::text = 'go'`, ['go']).then((rows) => rows[0]?.n)
        : db.transaction(async (tx) => {
            await tx.query(`SELECT pg_sleep(0.001), $1::int`, [i]);
            return (await tx.query<{ n: number }>(`SELECT ${i}::int AS n, $1::text AS s`, ['tx']))[0]?.n;
          }),
    ),
  );
  expect(mixed).toEqual(Array.from({ length: 40 }, (_, i) => i));
}

async function auditTrailIsAppendOnly(db: Database): Promise<void> {
  const tenant = await testContext(db).newTenant();
  const tenantId = tenant.id;
  const ticket = await tenant.ticket({ channel: 'web' });
  await db.query(
    `INSERT INTO ticket_events (id, tenant_id, ticket_id, type, actor_kind) VALUES ($1, $2, $3, 'created', 'system')`,
    [newId(), tenantId, ticket.id],
  );
  const refused = await db.query(`DELETE FROM ticket_events WHERE tenant_id = $1`, [tenantId]).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(pgErrorCode(refused)).toBe(PgErrorCode.insufficientPrivilege);
  const rows = await db.query(`SELECT id FROM ticket_events WHERE tenant_id = $1`, [tenantId]);
  expect(rows).toHaveLength(1);
  const ruleId = newId();
  await db.query(
    `INSERT INTO routing_rule_versions (id, tenant_id, rule_id, version, name, position, enabled, conditions, team_id, valid_from)
     VALUES ($1, $2, $1, 1, 'r', 1, true, '{}', $1, now())`,
    [ruleId, tenantId],
  );
  const rewritten = await db.query(`UPDATE routing_rule_versions SET name = 'changed' WHERE id = $1`, [ruleId]).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(pgErrorCode(rewritten)).toBe(PgErrorCode.insufficientPrivilege);
  expect(String(rewritten)).toContain('routing_rule_versions is append-only');
}

describe('openDatabase on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('persistence');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('runs the migrations, commits and rolls back transactions', () => exerciseSchema(db));
  it('refuses to update or delete audit rows and rule history', () => auditTrailIsAppendOnly(db));
  it('answers concurrent queries each with its own result', () => concurrentQueriesKeepTheirAnswers(db));
  it('is idempotent when migrations run again', async () => {
    const again = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await again.close();
  });
});

describe('openDatabase on embedded PGlite', () => {
  let dataDir: string;
  let db: Database;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sb-pglite-'));
    db = await openDatabase(loadConfig({ DATA_DIR: dataDir }));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the same migrations and SQL', () => exerciseSchema(db));
  it('keeps the audit trail append-only', () => auditTrailIsAppendOnly(db));
  it('answers concurrent queries each with its own result', () => concurrentQueriesKeepTheirAnswers(db));
  it('keeps data on disk across a restart', async () => {
    const { id, slug } = await testContext(db).newTenant();
    await db.close();
    db = await openDatabase(loadConfig({ DATA_DIR: dataDir }));
    const rows = await db.query<{ slug: string }>(`SELECT slug FROM tenants WHERE id = $1`, [id]);
    expect(rows.map((r) => r.slug)).toEqual([slug]);
  });
});

describe('embedded data directory', () => {
  it('refuses a second process on the same data directory and is free again after close', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-pglite-lock-'));
    const first = await openDatabase(loadConfig({ DATA_DIR: dataDir }));
    const { lockDataDir } = await import('./embedded/data-dir-lock');
    const { writeFileSync } = await import('node:fs');
    // Another live process (our parent) holds the directory.
    writeFileSync(join(dataDir, 'switchboard.pid'), String(process.ppid));
    expect(() => lockDataDir(dataDir)).toThrow(/in use by another Switchboard process/);
    writeFileSync(join(dataDir, 'switchboard.pid'), String(process.pid));
    await first.close();
    const release = lockDataDir(dataDir);
    release();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
