import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { MessagingModule, startConsumers, type Transport } from '@switchboard/messaging';
import { ChannelEmailModule } from '../channel-email.module';
import type { EmailChannelConfig } from '../config/email-channel.config';
import { EmailChannel } from '../email-channel';
import { EMAIL_SQL_CLIENT, EMAIL_TENANT_DIRECTORY } from '../email-channel.tokens';
import type { EmailTenantDirectory } from '../store/email-tenant-directory';
import type { SqlClient } from '../store/sql-client';

export interface StartEmailChannelDeps {
  readonly db: SqlClient;
  readonly tenants: EmailTenantDirectory;
  readonly transport: Transport;
  readonly config: EmailChannelConfig;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface RunningEmailChannel {
  readonly channel: EmailChannel;
  stop(): Promise<void>;
}

@Module({})
class EmailChannelTestModule {
  static forRoot(deps: StartEmailChannelDeps): DynamicModule {
    return {
      module: EmailChannelTestModule,
      imports: [
        MessagingModule.forRoot('email-channel-test', { transport: deps.transport }),
        ChannelEmailModule.forRoot({
          sqlClient: { provide: EMAIL_SQL_CLIENT, useValue: deps.db },
          tenants: { provide: EMAIL_TENANT_DIRECTORY, useValue: deps.tenants },
          channel: { config: deps.config, env: deps.env },
        }),
      ],
    };
  }
}

/**
 * For tests: ChannelEmailModule booted as the apps boot it (watchers on bootstrap, consumers through
 * the batch transport), on a transport and database the test owns and closes itself.
 */
export async function startEmailChannel(deps: StartEmailChannelDeps): Promise<RunningEmailChannel> {
  const app = await NestFactory.create(EmailChannelTestModule.forRoot(deps), new FastifyAdapter(), { logger: false });
  await startConsumers(app);
  return { channel: app.get(EmailChannel), stop: () => app.close() };
}
