import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AgentApiModule } from '@switchboard/agent-api';
import {
  ChannelEmailModule,
  EMAIL_SQL_CLIENT,
  EmailChannel,
  EmailMailboxesModule,
  type EmailChannelOptions,
} from '@switchboard/channel-email';
import {
  API_CHANNEL_SQL_CLIENT,
  ApiChannelsModule,
  ChannelApiModule,
  type ApiChannelConfig,
} from '@switchboard/channel-api';
import { ChannelVoiceModule, VOICE_SQL_CLIENT, type ChannelVoiceModuleOptions } from '@switchboard/channel-voice';
import { ChannelWebModule } from '@switchboard/channel-web';
import {
  ChannelWechatModule,
  WECHAT_SELF_SERVICE,
  type WechatChannelConfig,
  type WechatSharedStore,
} from '@switchboard/channel-wechat';
import { ConfigModule, loadConfig } from '@switchboard/config';
import { CoordinationModule } from '@switchboard/coordination';
import { MessagingModule, type Transport } from '@switchboard/messaging';
import { ObservabilityModule } from '@switchboard/observability';
import { PersistenceModule, type Database } from '@switchboard/persistence';
import { RoutingServiceModule } from '@switchboard/routing';
import { ChannelSelfServiceUseCase, SelfServiceJobsModule, SelfServiceModule } from '@switchboard/self-service';
import { bootAppModule } from '@switchboard/testing';
import { TicketServiceModule } from '@switchboard/tickets';

/** The feature modules a spec runs in its process, as the apps import them. */
export type StackFeature = 'tickets' | 'routing' | 'agent-api' | 'self-service';

const FEATURE_MODULES: Record<StackFeature, Type> = {
  tickets: TicketServiceModule,
  routing: RoutingServiceModule,
  'agent-api': AgentApiModule,
  'self-service': SelfServiceJobsModule,
};

export interface InProcessStackOptions {
  /** The spec's test database (migrated, seeded); the spec closes it. */
  readonly db: Database;
  /** Shared by every stack of the spec; the spec closes it. */
  readonly transport: Transport;
  /** The variables loadConfig reads (DATABASE_URL, JWT_SECRET, ...). */
  readonly env?: Readonly<Record<string, string>>;
  readonly features?: readonly StackFeature[];
  /** ChannelEmailModule with this configuration and environment (mailbox passwords). */
  readonly email?: EmailChannelOptions;
  /** Listens on a free loopback port (`url`), for specs that call the agent API over HTTP. */
  readonly listen?: boolean;
  /** The port to listen on (default: a free one); the portal pages call the API at their own address. */
  readonly port?: number;
  /** The web channel (form, portal pages, outbound.web.v1) in this app. */
  readonly web?: boolean;
  /** The API channel (signed webhook, outbound.api.v1) with this configuration. */
  readonly api?: ApiChannelConfig;
  /** The WeChat channel (server URLs, outbound.wechat.v1) with this configuration and shared store. */
  readonly wechat?: { readonly config: WechatChannelConfig; readonly store?: WechatSharedStore };
  /** The SMS/voice channel (Twilio webhooks, outbound.sms.v1) with this configuration and blob store. */
  readonly voice?: Omit<ChannelVoiceModuleOptions, 'sqlClient'>;
}

export interface InProcessStack {
  readonly app: NestFastifyApplication;
  /** Where it listens, with `listen`; else undefined (use app.inject). */
  readonly url: string | undefined;
  /** The running email channel (a stack booted with `email`). */
  readonly channel: EmailChannel;
  /** Closes the Nest app (consumers, watchers, outbox); the database and the transport stay open. */
  close(): Promise<void>;
}

@Module({})
class InProcessStackModule {
  static forRoot(options: InProcessStackOptions): DynamicModule {
    const features = options.features ?? [];
    const sqlClient = { provide: EMAIL_SQL_CLIENT, useValue: options.db };
    // Like apps/channel-email, a channel-only stack opens neither the outbox nor a capacity store.
    const storage =
      features.length > 0 ? [PersistenceModule.forRoot({ database: options.db }), CoordinationModule] : [];
    const email = options.email
      ? [ChannelEmailModule.forRoot({ sqlClient, channel: options.email })]
      : features.includes('agent-api')
        ? [EmailMailboxesModule.forRoot({ sqlClient })]
        : [];
    const config = loadConfig({ ...options.env });
    const apiSql = { provide: API_CHANNEL_SQL_CLIENT, useValue: options.db };
    const api = options.api
      ? [ChannelApiModule.forRoot({ sqlClient: apiSql, config: options.api })]
      : features.includes('agent-api')
        ? [ApiChannelsModule.forRoot({ sqlClient: apiSql })]
        : [];
    return {
      module: InProcessStackModule,
      imports: [
        ConfigModule.forRoot(config),
        MessagingModule.forRoot('e2e', { transport: options.transport }),
        ObservabilityModule.forRoot({ service: 'e2e' }),
        ...storage,
        ...features.map((feature) => FEATURE_MODULES[feature]),
        ...email,
        ...api,
        ...(options.web ? [ChannelWebModule.forRoot(config)] : []),
        ...(options.wechat ? [wechatModuleOf(options.wechat, features.length > 0)] : []),
        ...(options.voice
          ? [
              ChannelVoiceModule.forRoot({
                ...options.voice,
                sqlClient: { provide: VOICE_SQL_CLIENT, useValue: options.db },
              }),
            ]
          : []),
      ],
    };
  }
}

/** As the standalone app registers it: with the self-service domain when the stack has the ticket database. */
function wechatModuleOf(wechat: NonNullable<InProcessStackOptions['wechat']>, withDatabase: boolean): DynamicModule {
  return ChannelWechatModule.forRoot({
    config: wechat.config,
    ...(wechat.store ? { store: wechat.store } : {}),
    ...(withDatabase
      ? {
          selfService: {
            imports: [SelfServiceModule],
            provider: { provide: WECHAT_SELF_SERVICE, useExisting: ChannelSelfServiceUseCase },
          },
        }
      : {}),
  });
}

/**
 * Boots, in the test process, one Nest app as the apps boot theirs (createHttpApp, startConsumers):
 * the infrastructure modules over the spec's database and in-process transport, plus the feature
 * modules it asks for. Several stacks may share the database and the transport, so a spec can stop
 * and start the email channel while the ticket service keeps running.
 */
export async function startInProcessStack(options: InProcessStackOptions): Promise<InProcessStack> {
  const booted = await bootAppModule(InProcessStackModule.forRoot(options));
  const { app } = booted;
  let url: string | undefined;
  if (options.listen) {
    try {
      await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
      url = await app.getUrl();
    } catch (error) {
      await booted.close().catch(() => undefined);
      throw error;
    }
  }
  return {
    app,
    url,
    get channel(): EmailChannel {
      return app.get(EmailChannel);
    },
    close: () => booted.close(),
  };
}
