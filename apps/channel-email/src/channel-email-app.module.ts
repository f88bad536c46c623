import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { lookupLinkerFor } from '@switchboard/auth';
import { ServicePlatformModule } from '@switchboard/bootstrap';
import { ChannelEmailModule, EMAIL_SQL_CLIENT, createPgSqlClient, type PgSqlClient } from '@switchboard/channel-email';
import type { Config } from '@switchboard/config';
import { databaseProbe, provideReadinessProbe } from '@switchboard/observability';

/** Closes the channel's pool last, after the email channel stopped its watchers and consumers. */
@Injectable()
class SqlPoolCloser implements OnApplicationShutdown {
  constructor(@Inject(EMAIL_SQL_CLIENT) private readonly pool: PgSqlClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * channel-email: support mailboxes (IMAP IDLE) → inbound.messages.v1; outbound.email.v1 → SMTP;
 * bounces → outbound.status.v1. It owns only its email_* tables (the ticket service's migrations
 * create them), reached through a small pool of its own: a channel never opens the ticket database.
 */
@Module({})
export class ChannelEmailAppModule {
  static forRoot(config: Config): DynamicModule {
    const url = config.database.url;
    if (!url) throw new Error('channel-email needs DATABASE_URL (the distributed mode)');
    return {
      module: ChannelEmailAppModule,
      imports: [
        ServicePlatformModule.forRoot({ config, service: 'channel-email' }),
        ChannelEmailModule.forRoot({
          sqlClient: { provide: EMAIL_SQL_CLIENT, useFactory: () => createPgSqlClient(url) },
          // Acknowledgements carry the signed portal link (JWT_SECRET is required in this mode).
          channel: { lookupLink: lookupLinkerFor(config.portal.secret ?? config.jwtSecret, config.portal.publicUrl) },
        }),
      ],
      providers: [provideReadinessProbe(EMAIL_SQL_CLIENT, (sql: PgSqlClient) => databaseProbe(sql)), SqlPoolCloser],
    };
  }
}
