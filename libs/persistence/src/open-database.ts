import { DataSource, type QueryRunner } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import type { Config } from '@switchboard/config';
import { createLogger } from '@switchboard/logger';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded/embedded-postgres';
import { migrations } from './migrations';
import type { Database, SqlExecutor } from './sql-executor';

const log = createLogger('Database');

/** Any fixed number: only one process at a time may run migrations against a database. */
const MIGRATION_LOCK_KEY = 7_346_112_907;
const EMBEDDED_POOL_SIZE = 1;
/** DATABASE_URL's own spelling of "embedded PGlite in this folder". */
const EMBEDDED_URL_PREFIX = 'pglite://';

export interface OpenDatabaseOptions {
  readonly runMigrations?: boolean;
}

/**
 * The TypeORM options of this process's database. The embedded mode is a `pglite:///folder` URL, as
 * DATABASE_URL spells it; openDataSource starts PGlite there and connects to it.
 */
export function dataSourceOptions(config: Config): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: config.database.url ?? `${EMBEDDED_URL_PREFIX}${config.database.embeddedDir}`,
    migrations,
    synchronize: false,
    logging: false,
    poolSize: config.database.poolSize,
  };
}

/**
 * A DataSource on embedded PGlite: destroying it stops the server after the pool has closed, so whoever
 * closes the data source (Nest's TypeORM module at shutdown, a script) also flushes PGlite and releases
 * its data-dir lock, in that order.
 */
class EmbeddedPostgresDataSource extends DataSource {
  #stopped: Promise<void> | undefined;

  constructor(
    options: PostgresDataSourceOptions,
    private readonly server: EmbeddedPostgres,
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    this.#stopped ??= (async () => {
      try {
        if (this.isInitialized) await super.destroy();
      } finally {
        await this.server.stop();
      }
    })();
    await this.#stopped;
  }
}

/** Connects (starting embedded PGlite for a pglite:// URL) and migrates; closes what it opened when either fails. */
export async function openDataSource(
  options: PostgresDataSourceOptions,
  { runMigrations = true }: OpenDatabaseOptions = {},
): Promise<DataSource> {
  const embeddedDir = options.url?.startsWith(EMBEDDED_URL_PREFIX)
    ? options.url.slice(EMBEDDED_URL_PREFIX.length)
    : undefined;
  const dataSource = embeddedDir ? await embeddedDataSource(options, embeddedDir) : new DataSource(options);
  try {
    await dataSource.initialize();
    if (runMigrations) await migrate(dataSource);
  } catch (error) {
    await closeDataSource(dataSource).catch(() => undefined);
    throw error;
  }
  return dataSource;
}

async function embeddedDataSource(options: PostgresDataSourceOptions, dir: string): Promise<DataSource> {
  const server = await startEmbeddedPostgres(dir);
  // PGlite is one session: pglite-socket keeps a transaction's statements together, but the
  // extended-protocol messages (Parse/Bind/Execute) of another connection can land between them
  // (seen: a login read another statement's result), so the embedded mode uses one connection.
  return new EmbeddedPostgresDataSource({ ...options, url: server.url, poolSize: EMBEDDED_POOL_SIZE }, server);
}

async function closeDataSource(dataSource: DataSource): Promise<void> {
  if (dataSource instanceof EmbeddedPostgresDataSource || dataSource.isInitialized) await dataSource.destroy();
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

async function migrate(dataSource: DataSource): Promise<void> {
  if (dataSource instanceof EmbeddedPostgresDataSource) {
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

/** The domain's SQL interface over an open data source; close() destroys it (and stops embedded PGlite). */
export function databaseOn(dataSource: DataSource): Database {
  const { url } = dataSource.options as PostgresDataSourceOptions;
  return {
    url: url ?? '',
    embedded: dataSource instanceof EmbeddedPostgresDataSource,
    dataSource,
    query: (sql, params) => withRunner(dataSource, (runner) => executor(runner).query(sql, params)),
    transaction: (fn) => inTransaction(dataSource, fn),
    close: () => closeDataSource(dataSource),
  };
}

/**
 * Opens Postgres outside Nest (scripts, benches, tests): DATABASE_URL when set (distributed mode),
 * otherwise embedded PGlite on disk under DATA_DIR (or the folder of a `pglite:///…` DATABASE_URL).
 * Both go through the same pg driver, TypeORM data source and migrations.
 */
export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<Database> {
  return databaseOn(await openDataSource(dataSourceOptions(config), options));
}
