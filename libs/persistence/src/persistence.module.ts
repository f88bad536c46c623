import {
  Global,
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { CONFIG, type Config } from '@switchboard/config';
import { TRANSPORT, classifyFailure, type Transport } from '@switchboard/messaging';
import { Metrics, databaseProbe, provideReadinessProbe } from '@switchboard/observability';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { databaseOn, dataSourceOptions, openDataSource } from './open-database';
import { startOutbox, type RunningOutbox } from './outbox/outbox';
import type { OutboxRow } from './outbox/outbox-writer';
import type { Database } from './sql-executor';

/** The process's database (an interface: Postgres server or embedded PGlite), injected by token. */
export const DATABASE = Symbol('DATABASE');

/**
 * This process's outbox: `onCommitted(rows)` is the fast path for its own commits (the callback every
 * writing use-case takes), the relay publishes what was left behind. Stopped before the transport and
 * the database close.
 */
@Injectable()
export class OutboxService implements BeforeApplicationShutdown {
  private readonly outbox: RunningOutbox;

  constructor(@Inject(DATABASE) db: Database, @Inject(TRANSPORT) transport: Transport) {
    this.outbox = startOutbox(db, (topic, records) => transport.publish(topic, records));
  }

  /** Bound, so it is handed to use-cases as it is. */
  readonly onCommitted = (rows: readonly OutboxRow[]): void => this.outbox.flush(rows);

  async beforeApplicationShutdown(): Promise<void> {
    await this.outbox.stop();
  }
}

/** The outbox backlog for /metrics: rows the fast path has not published yet, and the oldest one's age. */
@Injectable()
class OutboxBacklogGauge implements OnModuleInit {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  onModuleInit(): void {
    this.metrics?.registerOutboxBacklog(async () => {
      const [row] = await this.db.query<{ rows: string; age: number | null }>(
        `SELECT count(*) AS rows, extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox`,
      );
      return { rows: Number(row?.rows ?? 0), oldestAgeSeconds: row?.age ?? 0 };
    });
  }
}

export interface PersistenceModuleOptions {
  /** An already open database (tests, or a process that opened it before Nest started). */
  readonly database?: Database;
}

/** Connection failures at start-up (Postgres not up yet) are retried this often, this far apart. */
const CONNECT_ATTEMPTS = 5;
const CONNECT_RETRY_DELAY_MS = 2_000;

/**
 * TypeORM through @nestjs/typeorm: the DataSource (migrated before it is provided) is injectable by its
 * class, and TypeOrmModule destroys it at shutdown, after every beforeApplicationShutdown hook (the
 * outbox) and after Nest has stopped the consumers. Embedded PGlite stops with its data source.
 */
function typeOrmRoot(): DynamicModule {
  return TypeOrmModule.forRootAsync({
    inject: [CONFIG],
    useFactory: (config: Config) => ({
      ...dataSourceOptions(config),
      retryAttempts: CONNECT_ATTEMPTS,
      retryDelay: CONNECT_RETRY_DELAY_MS,
      toRetry: (error: unknown) => config.database.url !== undefined && classifyFailure(error) === 'transient',
      // Carries RUN_MIGRATIONS to the factory below, which migrates under an advisory lock itself:
      // TypeORM's own migrationsRun (without the lock) is always off.
      migrationsRun: config.database.runMigrations,
    }),
    dataSourceFactory: async (options) => {
      const { migrationsRun, ...rest } = options as PostgresDataSourceOptions;
      return openDataSource({ ...rest, migrationsRun: false }, { runMigrations: migrationsRun !== false });
    },
  });
}

/**
 * The database (migrated on open, checked by /health/ready) and the outbox, for every module of the
 * process. Given an already open database (tests), it provides that one and leaves closing it to its owner.
 */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions = {}): DynamicModule {
    const shared = [OutboxService, OutboxBacklogGauge, provideReadinessProbe(DATABASE, databaseProbe)];
    if (options.database) {
      return {
        module: PersistenceModule,
        providers: [
          { provide: DATABASE, useValue: options.database },
          { provide: DataSource, useValue: options.database.dataSource },
          ...shared,
        ],
        exports: [DATABASE, DataSource, OutboxService],
      };
    }
    return {
      module: PersistenceModule,
      imports: [typeOrmRoot()],
      providers: [{ provide: DATABASE, inject: [DataSource], useFactory: databaseOn }, ...shared],
      exports: [DATABASE, OutboxService],
    };
  }
}
