import { DataSource, type QueryRunner } from 'typeorm';
import type { Config } from '@switchboard/config';
import { createLogger } from '@switchboard/logger';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded/embedded-postgres';
import { migrations } from './migrations';
import type { Database, SqlExecutor } from './sql-executor';

const log = createLogger('Database');

/** Any fixed number: only one process at a time may run migrations against a database. */
const MIGRATION_LOCK_KEY = 7_346_112_907;
const EMBEDDED_POOL_SIZE = 1;

export interface OpenDatabaseOptions {
  readonly runMigrations?: boolean;
}

/** TypeORM's plain query() returns [rows, count] for UPDATE/DELETE; the structured result is uniform. */
function executor(runner: QueryRunner): SqlExecutor {
  return {
    query: async <Row>(sql: string, params?: readonly unknown[]) =>
      (await runner.query(sql, params ? [...params] : undefined, true)).records as Row[],
  };
}

async function withRunner<T>(dataSource: DataSource, fn: (runner: QueryRunner) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    return await fn(runner);
  } finally {
    await runner.release();
  }
}

async function inTransaction<T>(dataSource: DataSource, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  return withRunner(dataSource, async (runner) => {
    await runner.startTransaction();
    try {
      const result = await fn(executor(runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  });
}

async function migrate(dataSource: DataSource, embedded: boolean): Promise<void> {
  if (embedded) {
    // One process owns an embedded database, and its single connection cannot hold a lock meanwhile.
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Opens Postgres: DATABASE_URL when set (distributed mode), otherwise embedded PGlite on disk under
 * DATA_DIR (or the folder of a `pglite:///…` DATABASE_URL). Both go through the same pg driver, TypeORM data source and migrations.
 */
export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.database.url;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.database.embeddedDir);
    url = embedded.url;
  }
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations,
    synchronize: false,
    logging: false,
    // PGlite is one session: pglite-socket keeps a transaction's statements together, but the
    // extended-protocol messages (Parse/Bind/Execute) of another connection can land between them
    // (seen: a login read another statement's result), so the embedded mode uses one connection.
    poolSize: embedded ? EMBEDDED_POOL_SIZE : config.database.poolSize,
  });
  try {
    await dataSource.initialize();
    if (options.runMigrations ?? true) await migrate(dataSource, embedded !== undefined);
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  return {
    url,
    embedded: embedded !== undefined,
    dataSource,
    query: (sql, params) => withRunner(dataSource, (runner) => executor(runner).query(sql, params)),
    transaction: (fn) => inTransaction(dataSource, fn),
    close: async () => {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
