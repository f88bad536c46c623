import { Module, type DynamicModule } from '@nestjs/common';
import { AgentApiModule } from '@switchboard/agent-api';
import { ServicePlatformModule } from '@switchboard/bootstrap';
import { API_CHANNEL_SQL_CLIENT, ApiChannelsModule } from '@switchboard/channel-api';
import { EMAIL_SQL_CLIENT, EmailMailboxesModule } from '@switchboard/channel-email';
import type { Config } from '@switchboard/config';
import { CAPACITY_STORE, CoordinationModule } from '@switchboard/coordination';
import { capacityStoreProbe, provideReadinessProbe } from '@switchboard/observability';
import { WebhookDispatchModule } from '@switchboard/integrations';
import { DATABASE, PersistenceModule, type Database } from '@switchboard/persistence';

/**
 * agent-api: the agents' HTTP API (JWT bearer tokens) over the ticket database. What agents change
 * leaves through the outbox, published by this process at once (the fast path).
 */
@Module({})
export class AgentApiAppModule {
  static forRoot(config: Config): DynamicModule {
    return {
      module: AgentApiAppModule,
      imports: [
        ServicePlatformModule.forRoot({ config, service: 'agent-api' }),
        PersistenceModule.forRoot(),
        CoordinationModule,
        // The mailbox admin endpoints write the email channel's email_mailboxes, in this database.
        EmailMailboxesModule.forRoot({
          sqlClient: { provide: EMAIL_SQL_CLIENT, inject: [DATABASE], useFactory: (db: Database) => db },
        }),
        // The API channel admin endpoints (create, rotate, delivery log, replay) write the api_* tables.
        ApiChannelsModule.forRoot({
          sqlClient: { provide: API_CHANNEL_SQL_CLIENT, inject: [DATABASE], useFactory: (db: Database) => db },
        }),
        AgentApiModule,
        // Outbound webhooks: the ticket.events.v1 consumer (group agent-api.webhooks) and the dispatcher.
        WebhookDispatchModule,
      ],
      providers: [provideReadinessProbe(CAPACITY_STORE, capacityStoreProbe)],
    };
  }
}
