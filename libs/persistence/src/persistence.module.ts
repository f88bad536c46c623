import {
  Global,
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { CONFIG, type Config } from '@switchboard/config';
import { TRANSPORT, type Transport } from '@switchboard/messaging';
import { Metrics, databaseProbe, provideReadinessProbe } from '@switchboard/observability';
import { openDatabase } from './open-database';
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

@Injectable()
class DatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

export interface PersistenceModuleOptions {
  /** An already open database (tests, or a process that opened it before Nest started). */
  readonly database?: Database;
}

/** The database (migrated on open, checked by /health/ready) and the outbox, for every module of the process. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions = {}): DynamicModule {
    const database = options.database
      ? { provide: DATABASE, useValue: options.database }
      : { provide: DATABASE, inject: [CONFIG], useFactory: (config: Config) => openDatabase(config) };
    return {
      module: PersistenceModule,
      providers: [
        database,
        OutboxService,
        OutboxBacklogGauge,
        provideReadinessProbe(DATABASE, databaseProbe),
        ...(options.database ? [] : [DatabaseCloser]),
      ],
      exports: [DATABASE, OutboxService],
    };
  }
}
