/**
 * What the email channel's stores need from a database: parameterized queries. The channel owns its
 * tables (email_*) and never reads or writes the ticket tables; persistence's Database satisfies this.
 */
export interface SqlClient {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}
