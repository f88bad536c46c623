import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ServicePlatformModule } from '@switchboard/bootstrap';
import { API_CHANNEL_SQL_CLIENT, ChannelApiModule } from '@switchboard/channel-api';
import { createChannelSqlPool, type ChannelSqlPool } from '@switchboard/channel-sdk';
import type { Config } from '@switchboard/config';
import { databaseProbe, provideReadinessProbe } from '@switchboard/observability';

/** Closes the channel's pool last, after the consumers stopped. */
@Injectable()
class SqlPoolCloser implements OnApplicationShutdown {
  constructor(@Inject(API_CHANNEL_SQL_CLIENT) private readonly pool: ChannelSqlPool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * channel-api: integrators' signed messages → inbound.messages.v1; outbound.api.v1 → signed POSTs to
 * the integrator, with a delivery log. It owns only the api_* tables (the ticket service's migrations
 * create them), reached through a small pool of its own: it never opens the ticket database.
 */
@Module({})
export class ChannelApiAppModule {
  static forRoot(config: Config): DynamicModule {
    const url = config.database.url;
    if (!url) throw new Error('channel-api needs DATABASE_URL (the distributed mode)');
    return {
      module: ChannelApiAppModule,
      imports: [
        ServicePlatformModule.forRoot({ config, service: 'channel-api' }),
        ChannelApiModule.forRoot({
          sqlClient: { provide: API_CHANNEL_SQL_CLIENT, useFactory: () => createChannelSqlPool(url) },
        }),
      ],
      providers: [
        provideReadinessProbe(API_CHANNEL_SQL_CLIENT, (sql: ChannelSqlPool) => databaseProbe(sql)),
        SqlPoolCloser,
      ],
    };
  }
}
