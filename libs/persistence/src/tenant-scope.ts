import type { Database, SqlExecutor } from './sql-executor';

/**
 * Runs fn in one transaction scoped to a tenant: `app.tenant_id` is set for this transaction only
 * (SET LOCAL semantics), which the row-level security policies read. Every request made on behalf
 * of one tenant (agent API, portal, admin) goes through here; the multi-tenant pipeline batches
 * (ingest, routing) run as the system and filter by tenant_id themselves.
 */
export async function inTenant<T>(db: Database, tenantId: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    return fn(tx);
  });
}
