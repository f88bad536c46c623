import { Module } from '@nestjs/common';
import { ChannelSdkModule } from '@switchboard/channel-sdk';
import { Topics } from '@switchboard/contracts';
import { EMAIL_CHANNEL_NAME } from './email-channel.adapter';
import type { DynamicModule, Provider } from '@nestjs/common';
import { EmailReceiptsConsumer } from './acknowledge/email-receipts.consumer';
import { loadEmailChannelConfig } from './config/email-channel.config';
import { EmailChannel, type EmailChannelOptions } from './email-channel';
import { EMAIL_CHANNEL_OPTIONS, EMAIL_SQL_CLIENT, EMAIL_TENANT_DIRECTORY } from './email-channel.tokens';
import { SqlEmailTenantDirectory } from './store/email-tenant-directory';
import type { SqlClient } from './store/sql-client';
import { EmailMailboxesModule } from './email-mailboxes.module';
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
 * The email channel on the channel SDK: its InboundSource (IMAP watchers, started on application
 * bootstrap with the SDK's ingress, stopped on shutdown), the SDK's outbound.email.v1 consumer (group
 * channel-email.outbound: EmailChannelAdapter.deliver, retries with backoff, DLQ, SENT/FAILED reports),
 * and the channel's own receipts and agent-notification consumers (startConsumers(app) subscribes them).
 * No webhook: mail is read, not received. Needs TRANSPORT (MessagingModule).
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
    const sdk = ChannelSdkModule.forAdapter({
      name: EMAIL_CHANNEL_NAME,
      outboundTopic: Topics.outboundEmail,
      providers: [
        { provide: EMAIL_CHANNEL_OPTIONS, useValue: channel },
        options.tenants ?? sqlTenantDirectory,
        EmailChannel,
      ],
      adapter: { inject: [EmailChannel], useFactory: (email: EmailChannel) => email.adapter },
      // A mail an admin retries from the rejected-mail list comes back with its Message-ID: the ticket
      // service's unique key and intake's "already ticketed" check drop real repeats, not the edge.
      ingress: { dedupe: false },
      outbound: {
        retry: { maxAttempts: channel.config.sendMaxAttempts, initialBackoffMs: channel.config.sendBackoffMs },
      },
      exports: [EmailChannel],
    });
    return {
      module: ChannelEmailModule,
      imports: [EmailMailboxesModule.forRoot({ sqlClient: options.sqlClient }), sdk],
      controllers: [EmailReceiptsConsumer, AgentNotificationsConsumer],
      exports: [sdk],
    };
  }
}
