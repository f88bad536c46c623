import { Module } from '@nestjs/common';
import type { DynamicModule, Provider } from '@nestjs/common';
import { EmailReceiptsConsumer } from './acknowledge/email-receipts.consumer';
import { loadEmailChannelConfig } from './config/email-channel.config';
import { EmailChannel, type EmailChannelOptions } from './email-channel';
import { EMAIL_CHANNEL_OPTIONS, EMAIL_SQL_CLIENT, EMAIL_TENANT_DIRECTORY } from './email-channel.tokens';
import { SqlEmailTenantDirectory } from './store/email-tenant-directory';
import type { SqlClient } from './store/sql-client';
import { EmailMailboxesModule } from './email-mailboxes.module';
import { EmailOutboundConsumer } from './outbound/email-outbound.consumer';
import { AgentNotificationsConsumer } from './outbound/agent-notifications.consumer';

export interface ChannelEmailModuleOptions {
  /** Binds EMAIL_SQL_CLIENT: the app's DATABASE, or createPgSqlClient(url) in apps/channel-email. */
  readonly sqlClient: Provider;
  /** Binds EMAIL_TENANT_DIRECTORY (slug ↔ id); default: a cached read through EMAIL_SQL_CLIENT. */
  readonly tenants?: Provider;
  /** Defaults: loadEmailChannelConfig(process.env) and process.env. */
  readonly channel?: Partial<EmailChannelOptions>;
}

const sqlTenantDirectory: Provider = {
  provide: EMAIL_TENANT_DIRECTORY,
  inject: [EMAIL_SQL_CLIENT],
  useFactory: (db: SqlClient) => new SqlEmailTenantDirectory(db),
};

/**
 * The email channel: IMAP watchers (started on application bootstrap, stopped on shutdown), the
 * receipts and outbound consumers (startConsumers(app) subscribes them). Needs TRANSPORT (MessagingModule).
 */
@Module({})
export class ChannelEmailModule {
  static forRoot(options: ChannelEmailModuleOptions): DynamicModule {
    const env = options.channel?.env ?? process.env;
    const channel: EmailChannelOptions = {
      config: options.channel?.config ?? loadEmailChannelConfig(env),
      env,
      ...(options.channel?.lookupLink ? { lookupLink: options.channel.lookupLink } : {}),
    };
    return {
      module: ChannelEmailModule,
      imports: [EmailMailboxesModule.forRoot({ sqlClient: options.sqlClient })],
      controllers: [EmailReceiptsConsumer, EmailOutboundConsumer, AgentNotificationsConsumer],
      providers: [
        { provide: EMAIL_CHANNEL_OPTIONS, useValue: channel },
        options.tenants ?? sqlTenantDirectory,
        EmailChannel,
      ],
      exports: [EmailChannel],
    };
  }
}
