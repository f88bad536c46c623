import type { SqlClient } from './sql-client';

/**
 * A SqlClient that runs transactions. persistence's Database satisfies it structurally (the channel
 * never imports persistence), so the agent API's process hands its Database to the mailbox admin.
 */
export interface TransactionalSqlClient extends SqlClient {
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
}

/** The role row-level security applies to (migration RowLevelSecurity1764000000012; persistence's TENANT_ROLE). */
const TENANT_ROLE = 'switchboard_tenant';

/**
 * Runs fn in one transaction scoped to a tenant, exactly as persistence's inTenant does: row-level
 * security then shows and accepts only that tenant's rows, whatever a statement forgets.
 */
export function inTenantScope<T>(
  db: TransactionalSqlClient,
  tenantId: string,
  fn: (tx: SqlClient) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('app.tenant_id', $1::uuid::text, true), set_config('role', $2, true)`, [
      tenantId,
      TENANT_ROLE,
    ]);
    return fn(tx);
  });
}
