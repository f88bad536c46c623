import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigModule, type Config } from '@switchboard/config';
import { CAPACITY_STORE, type CapacityStore } from '@switchboard/coordination';
import { API_CHANNEL_SQL_CLIENT, ApiChannelsModule } from '@switchboard/channel-api';
import { EMAIL_SQL_CLIENT, EmailMailboxesModule } from '@switchboard/channel-email';
import { createHttpApp } from '@switchboard/http';
import { DATABASE, OutboxService, type Database } from '@switchboard/persistence';
import { AgentApiModule } from '../agent-api.module';

/**
 * The harness's outbox: commits leave their rows in the outbox table (nothing relays them), so a spec
 * can read what a change would publish.
 */
class KeptOutbox {
  readonly onCommitted = (): void => undefined;
}

/** What the apps' infrastructure modules provide, over the harness's own database and capacity store. */
@Global()
@Module({})
class HarnessInfrastructureModule {
  static forRoot(db: Database, capacity: CapacityStore): DynamicModule {
    return {
      module: HarnessInfrastructureModule,
      providers: [
        { provide: DATABASE, useValue: db },
        { provide: CAPACITY_STORE, useValue: capacity },
        { provide: OutboxService, useClass: KeptOutbox },
      ],
      exports: [DATABASE, CAPACITY_STORE, OutboxService],
    };
  }
}

@Module({})
class AgentApiTestModule {
  static forRoot(config: Config, db: Database, capacity: CapacityStore): DynamicModule {
    return {
      module: AgentApiTestModule,
      imports: [
        ConfigModule.forRoot(config),
        HarnessInfrastructureModule.forRoot(db, capacity),
        EmailMailboxesModule.forRoot({ sqlClient: { provide: EMAIL_SQL_CLIENT, useValue: db } }),
        ApiChannelsModule.forRoot({ sqlClient: { provide: API_CHANNEL_SQL_CLIENT, useValue: db } }),
        AgentApiModule,
      ],
    };
  }
}

/**
 * AgentApiModule on the real HTTP edge (createHttpApp), initialised and ready for app.inject.
 * `beforeInit` runs before Nest registers the routes (OpenAPI set-up, Fastify onRoute hooks).
 */
export async function startAgentApiApp(
  config: Config,
  db: Database,
  capacity: CapacityStore,
  beforeInit?: (app: NestFastifyApplication) => void,
): Promise<NestFastifyApplication> {
  const app = await createHttpApp(AgentApiTestModule.forRoot(config, db, capacity), { nest: { logger: false } });
  beforeInit?.(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
