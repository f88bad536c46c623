import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ServicePlatformModule } from '@switchboard/bootstrap';
import { ChannelSelfServiceClient, createChannelSqlPool, type ChannelSqlPool } from '@switchboard/channel-sdk';
import {
  ChannelVoiceModule,
  HttpTicketStatusLookup,
  TICKET_STATUS_LOOKUP,
  VOICE_SQL_CLIENT,
} from '@switchboard/channel-voice';
import type { Config } from '@switchboard/config';
import { databaseProbe, provideReadinessProbe } from '@switchboard/observability';

/** Closes the channel's pool last, after the consumers stopped. */
@Injectable()
class SqlPoolCloser implements OnApplicationShutdown {
  constructor(@Inject(VOICE_SQL_CLIENT) private readonly pool: ChannelSqlPool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * channel-voice: Twilio's signed SMS and voice webhooks → inbound.messages.v1; outbound.sms.v1 → SMS
 * through Twilio's REST API, with status callbacks → outbound.status.v1. It owns only the voice_*
 * tables (the ticket service's migrations create them), through a small pool of its own: it never
 * opens the ticket database. The Twilio settings (VOICE_*) are validated at start-up. Status by phone
 * and by text is asked of the agent API (PORTAL_API_URL), signed with PORTAL_SECRET's derived key.
 */
@Module({})
export class ChannelVoiceAppModule {
  static forRoot(config: Config, env: Readonly<Record<string, string | undefined>> = process.env): DynamicModule {
    const url = config.database.url;
    if (!url) throw new Error('channel-voice needs DATABASE_URL (the distributed mode)');
    const secret = config.portal.secret ?? config.jwtSecret;
    return {
      module: ChannelVoiceAppModule,
      imports: [
        ServicePlatformModule.forRoot({ config, service: 'channel-voice' }),
        ChannelVoiceModule.forRoot({
          sqlClient: { provide: VOICE_SQL_CLIENT, useFactory: () => createChannelSqlPool(url) },
          env,
          ...(secret
            ? {
                ticketStatus: {
                  provide: TICKET_STATUS_LOOKUP,
                  useFactory: () =>
                    new HttpTicketStatusLookup(new ChannelSelfServiceClient(config.portal.apiUrl, secret)),
                },
              }
            : {}),
        }),
      ],
      providers: [provideReadinessProbe(VOICE_SQL_CLIENT, (sql: ChannelSqlPool) => databaseProbe(sql)), SqlPoolCloser],
    };
  }
}
