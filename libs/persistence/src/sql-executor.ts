import type { DataSource } from 'typeorm';

/** The one way domain code talks SQL: parameterized statements, inside or outside a transaction. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends SqlExecutor {
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  readonly url: string;
  readonly embedded: boolean;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}
