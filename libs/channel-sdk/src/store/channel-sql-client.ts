import pg from 'pg';

/**
 * What a channel's own store needs from a database: parameterized queries on the channel's tables
 * (never the ticket tables). persistence's Database satisfies it structurally, so a channel lib never
 * imports persistence; a distributed channel app opens a small pg pool of its own.
 */
export interface ChannelSqlClient {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface TransactionalChannelSqlClient extends ChannelSqlClient {
  transaction<T>(fn: (tx: ChannelSqlClient) => Promise<T>): Promise<T>;
}

/** The role row-level security applies to (migration RowLevelSecurity1764000000012). */
const TENANT_ROLE = 'switchboard_tenant';

/** Runs fn in one transaction under the tenant's row-level security, as persistence's inTenant does. */
export function inChannelTenantScope<T>(
  db: TransactionalChannelSqlClient,
  tenantId: string,
  fn: (tx: ChannelSqlClient) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('app.tenant_id', $1::uuid::text, true), set_config('role', $2, true)`, [
      tenantId,
      TENANT_ROLE,
    ]);
    return fn(tx);
  });
}

export interface ChannelSqlPool extends TransactionalChannelSqlClient {
  close(): Promise<void>;
}

/**
 * A distributed channel app's own small pool: it touches only its channel's tables (the ticket
 * service's migrations create them), so it needs no ORM and no access to the ticket domain.
 */
export function createChannelSqlPool(url: string, max = 4): ChannelSqlPool {
  const pool = new pg.Pool({ connectionString: url, max });
  const run = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await client.query(sql, params ? [...params] : undefined)).rows as Row[];
  return {
    query: (sql, params) => run(pool, sql, params),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
