import type { Database, SqlExecutor } from './sql-executor';

/** The role row-level security applies to (migration RowLevelSecurity1764000000012). */
export const TENANT_ROLE = 'switchboard_tenant';

/**
 * Runs fn in one transaction scoped to a tenant: as the role TENANT_ROLE with `app.tenant_id` set,
 * both for this transaction only (SET LOCAL), so the row-level security policies show and accept
 * only this tenant's rows whatever the statements inside forget to filter. Every request made on behalf
 * of one tenant (agent API, portal, admin) goes through here; the multi-tenant pipeline batches
 * (ingest, routing) run as the system and filter by tenant_id themselves.
 */
export async function inTenant<T>(db: Database, tenantId: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('app.tenant_id', $1::uuid::text, true), set_config('role', $2, true)`, [
      tenantId,
      TENANT_ROLE,
    ]);
    return fn(tx);
  });
}

/**
 * Runs fn scoped to a tenant on whatever the caller holds: a Database gets its own inTenant
 * transaction; a transaction is used as it is (its owner scoped it when it began).
 */
export async function withTenantScope<T>(
  executor: SqlExecutor | Database,
  tenantId: string,
  fn: (tx: SqlExecutor) => Promise<T>,
): Promise<T> {
  return 'transaction' in executor ? inTenant(executor, tenantId, fn) : fn(executor);
}
