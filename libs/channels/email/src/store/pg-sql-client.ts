import pg from 'pg';
import type { SqlClient } from './sql-client';

export interface PgSqlClient extends SqlClient {
  close(): Promise<void>;
}

/**
 * The distributed channel-email's own small pool: it only touches its email_* tables (the schema is
 * migrated by the ticket service), so it needs no ORM and no access to the ticket domain.
 */
export function createPgSqlClient(url: string, max = 4): PgSqlClient {
  const pool = new pg.Pool({ connectionString: url, max });
  return {
    query: async <Row>(sql: string, params?: readonly unknown[]) =>
      (await pool.query(sql, params ? [...params] : undefined)).rows as Row[],
    close: () => pool.end(),
  };
}
