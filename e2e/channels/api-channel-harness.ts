import { Module, type DynamicModule } from '@nestjs/common';
import {
  API_CHANNEL_SQL_CLIENT,
  ApiChannelAdminUseCase,
  ChannelApiModule,
  loadApiChannelConfig,
  type CreatedApiChannel,
} from '@switchboard/channel-api';
import { LocalIntegrator } from '@switchboard/channel-api/testing';
import type { ChannelSqlClient, TransactionalChannelSqlClient } from '@switchboard/channel-sdk';
import { ConfigModule, loadConfig } from '@switchboard/config';
import { InProcessTransport, MessagingModule } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import {
  bootAppModule,
  createTestDatabase,
  testContext,
  type BootedApp,
  type TestDatabase,
} from '@switchboard/testing';

/** Records every statement the channel runs, so a spec can check it never touches the ticket tables. */
export class RecordingSqlClient implements TransactionalChannelSqlClient {
  readonly statements: string[] = [];
  constructor(private readonly db: Database) {}

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]> {
    this.statements.push(sql);
    return this.db.query<Row>(sql, params);
  }

  transaction<T>(fn: (tx: ChannelSqlClient) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      fn({
        query: <Row>(sql: string, params?: readonly unknown[]) => {
          this.statements.push(sql);
          return tx.query<Row>(sql, params);
        },
      }),
    );
  }
}

@Module({})
class ApiChannelTestModule {
  static forRoot(transport: InProcessTransport, sql: RecordingSqlClient, env: Record<string, string>): DynamicModule {
    return {
      module: ApiChannelTestModule,
      imports: [
        ConfigModule.forRoot(loadConfig({})),
        MessagingModule.forRoot('api-channel-test', { transport }),
        ChannelApiModule.forRoot({
          sqlClient: { provide: API_CHANNEL_SQL_CLIENT, useValue: sql },
          config: loadApiChannelConfig(env),
        }),
      ],
    };
  }
}

export interface ApiChannelHarness {
  readonly app: BootedApp;
  readonly transport: InProcessTransport;
  readonly sql: RecordingSqlClient;
  readonly integrator: LocalIntegrator;
  readonly channel: CreatedApiChannel;
  readonly tenantSlug: string;
  close(): Promise<void>;
}

/** The API channel alone (no ticket service) on a migrated test database, with a local integrator. */
export async function startApiChannelHarness(env: Record<string, string> = {}): Promise<ApiChannelHarness> {
  const testDb: TestDatabase = await createTestDatabase('api_channel');
  const db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
  const tenant = await testContext(db).newTenant();
  const transport = new InProcessTransport();
  const sql = new RecordingSqlClient(db);
  const integrator = await LocalIntegrator.start();
  const app = await bootAppModule(
    ApiChannelTestModule.forRoot(transport, sql, {
      API_CHANNEL_DELIVERY_ATTEMPTS: '3',
      API_CHANNEL_DELIVERY_BACKOFF_MS: '1',
      API_CHANNEL_DELIVERY_MAX_BACKOFF_MS: '5',
      API_CHANNEL_MAX_BODY_BYTES: '16384',
      // The integrator plays on 127.0.0.1, which the default outbound policy refuses.
      OUTBOUND_ALLOW_PRIVATE_NETWORKS: 'true',
      ...env,
    }),
  );
  const channel = await app.app
    .get(ApiChannelAdminUseCase)
    .create(tenant.id, { name: 'shop app', outboundUrl: integrator.url });
  integrator.trust([channel.secret]);
  // Setup (the admin's create reads the tenant's slug) is not the channel's runtime.
  sql.statements.length = 0;
  return {
    app,
    transport,
    sql,
    integrator,
    channel,
    tenantSlug: tenant.slug,
    close: async () => {
      await app.close();
      await transport.close();
      await integrator.close();
      await db.close();
      await testDb.drop();
    },
  };
}
