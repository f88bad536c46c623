import { Module, type DynamicModule } from '@nestjs/common';
import { AgentApiModule } from '@switchboard/agent-api';
import { lookupLinkerFor } from '@switchboard/auth';
import { ServicePlatformModule } from '@switchboard/bootstrap';
import {
  API_CHANNEL_SQL_CLIENT,
  ApiChannelsModule,
  ChannelApiModule,
  loadApiChannelConfig,
} from '@switchboard/channel-api';
import { ChannelEmailModule, EMAIL_SQL_CLIENT } from '@switchboard/channel-email';
import {
  ChannelVoiceModule,
  TICKET_STATUS_LOOKUP,
  VOICE_SQL_CLIENT,
  voiceNumbersConfigured,
} from '@switchboard/channel-voice';
import { ChannelWebModule } from '@switchboard/channel-web';
import { ChannelWechatModule, loadWechatChannelConfig, WECHAT_SELF_SERVICE } from '@switchboard/channel-wechat';
import type { Config } from '@switchboard/config';
import { CAPACITY_STORE, CoordinationModule } from '@switchboard/coordination';
import { capacityStoreProbe, provideReadinessProbe } from '@switchboard/observability';
import { DemoModule } from '@switchboard/demo';
import { WebhookDispatchModule } from '@switchboard/integrations';
import { DATABASE, PersistenceModule, type Database } from '@switchboard/persistence';
import { RoutingServiceModule } from '@switchboard/routing';
import {
  ChannelSelfServiceUseCase,
  PhoneStatusQuery,
  SelfServiceJobsModule,
  SelfServiceModule,
} from '@switchboard/self-service';
import { SlaServiceModule } from '@switchboard/sla';
import { TicketServiceModule } from '@switchboard/tickets';

/**
 * The embedded default: every service's module in one Nest application on one port, over embedded
 * PGlite, the in-process transport and the in-memory capacity store: same handlers, same SQL.
 */
@Module({})
export class StandaloneAppModule {
  static forRoot(config: Config): DynamicModule {
    const apiChannel = loadApiChannelConfig(process.env);
    const apiSql = { provide: API_CHANNEL_SQL_CLIENT, inject: [DATABASE], useFactory: (db: Database) => db };
    const wechat = loadWechatChannelConfig(process.env);
    return {
      module: StandaloneAppModule,
      imports: [
        ServicePlatformModule.forRoot({ config, service: 'standalone' }),
        PersistenceModule.forRoot(),
        CoordinationModule,
        DemoModule.forRoot({ seed: config.seedDemo }),
        TicketServiceModule,
        SelfServiceJobsModule,
        SlaServiceModule,
        RoutingServiceModule,
        // Always on: mailboxes an admin adds through the API are picked up without a restart; idle it
        // costs two consumers and one small query per EMAIL_MAILBOX_REFRESH_MS.
        ChannelEmailModule.forRoot({
          sqlClient: { provide: EMAIL_SQL_CLIENT, inject: [DATABASE], useFactory: (db: Database) => db },
          channel: { lookupLink: lookupLinkerFor(config.portal.secret ?? config.jwtSecret, config.portal.publicUrl) },
        }),
        ChannelWebModule.forRoot(config),
        // API_CHANNEL_ENABLED=false keeps the webhook and consumer out; the admin endpoints stay.
        apiChannel.enabled
          ? ChannelApiModule.forRoot({ sqlClient: apiSql, config: apiChannel })
          : ApiChannelsModule.forRoot({ sqlClient: apiSql, config: apiChannel }),
        // Off unless WECHAT_ACCOUNTS / WECHAT_BOTS name an account; 查询 and CSAT in WeChat answered by the self-service domain.
        ...(wechat.accounts.length + wechat.bots.length > 0
          ? [
              ChannelWechatModule.forRoot({
                config: wechat,
                selfService: {
                  imports: [SelfServiceModule],
                  provider: { provide: WECHAT_SELF_SERVICE, useExisting: ChannelSelfServiceUseCase },
                },
              }),
            ]
          : []),
        // SMS and voice on Twilio: only when numbers are configured (VOICE_NUMBERS_JSON / VOICE_NUMBERS_FILE);
        // the rest of its settings are then validated at start-up.
        ...(voiceNumbersConfigured(process.env)
          ? [
              ChannelVoiceModule.forRoot({
                sqlClient: { provide: VOICE_SQL_CLIENT, inject: [DATABASE], useFactory: (db: Database) => db },
                // The IVR's status key reads the caller's open ticket through self-service (embedded only:
                // the distributed channel-voice cannot reach the ticket database).
                ticketStatus: {
                  provide: TICKET_STATUS_LOOKUP,
                  inject: [DATABASE],
                  useFactory: (db: Database) => new PhoneStatusQuery(db),
                },
              }),
            ]
          : []),
        // channel-sdk:generated-adapters (the adapter generator registers new channels above this line)
        AgentApiModule,
        // Outbound webhooks: the ticket.events.v1 consumer (group agent-api.webhooks) and the dispatcher.
        WebhookDispatchModule,
      ],
      providers: [provideReadinessProbe(CAPACITY_STORE, capacityStoreProbe)],
    };
  }
}
