import {
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type DynamicModule,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { ChannelSdkModule, channelTokens, type InboundSink } from '@switchboard/channel-sdk';
import { blobDirOf, LocalBlobStore, type BlobStore } from '@switchboard/blobs';
import { CONFIG, type Config } from '@switchboard/config';
import { Topics } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import { TRANSPORT, type Transport } from '@switchboard/messaging';
import { Redis } from 'ioredis';
import { OfficialAccountApi } from '../api/official-account.api';
import { InMemoryWechatSharedStore, RedisWechatSharedStore, type WechatSharedStore } from '../api/shared-store';
import { WechatHttpClient } from '../api/wechat-http.client';
import { ReplyWindowTracker } from '../outbound/reply-window.tracker';
import { SendWechatReply } from '../outbound/send-wechat-reply';
import { KfApi } from '../wecom/kf.api';
import { KfSyncPuller } from '../wecom/kf-sync.puller';
import { WechatAccounts } from './config/wechat-accounts';
import { loadWechatChannelConfig, type WechatChannelConfig } from './config/wechat-channel.config';
import { WechatIntake } from './intake/wechat-intake';
import { WechatMediaFetcher } from './intake/wechat-media.fetcher';
import { WechatSelfServiceAnswerer } from './intake/wechat-self-service.answerer';
import { DeliverWechatAnswer } from './outbound/deliver-wechat-answer';
import { WechatDeliveryReports } from './outbound/wechat-delivery-reports';
import { KfSessionState } from './session/kf-session-state';
import { importPuppet, WechatyBots, type PuppetFactory } from './wechaty/wechaty-bots';
import { WechatTicketEventsConsumer } from './session/wechat-ticket-events.consumer';
import { WECHAT_SELF_SERVICE, type WechatSelfService } from './self-service/wechat-self-service.port';
import { WechatChannelAdapter, WECHAT_CHANNEL_NAME } from './wechat-channel.adapter';
import { WECHAT_INTAKE, wechatWebhookControllerFor } from './wechat-webhook.controller';

export const WECHAT_SHARED_STORE = Symbol('WECHAT_SHARED_STORE');
const WECHAT_CONFIG = Symbol('WECHAT_CONFIG');

export interface ChannelWechatModuleOptions {
  /** Default: loadWechatChannelConfig(process.env). */
  readonly config?: WechatChannelConfig;
  /** Binds WECHAT_SELF_SERVICE (查询 / CSAT in WeChat); without it those texts reach the ticket as messages. */
  readonly selfService?: { readonly imports?: ModuleMetadata['imports']; readonly provider: Provider };
  /** Default: Redis when config.redis is set (the distributed mode), else in memory (one instance). */
  readonly store?: WechatSharedStore;
  /**
   * Where inbound media go. Default: the email channel's local store under EMAIL_BLOB_DIR, which the
   * agent API serves attachments from.
   */
  readonly blobs?: BlobStore;
  /** Builds the Wechaty bots' puppets (default: import the package WECHAT_BOTS names). */
  readonly puppets?: PuppetFactory;
}

/** Lets the kf pulls in flight finish (and publish) before the transport closes. */
@Injectable()
class WechatIntakeDrain implements OnModuleDestroy {
  constructor(@Inject(WECHAT_INTAKE) private readonly intake: WechatIntake) {}

  onModuleDestroy(): Promise<void> {
    return this.intake.idle();
  }
}

/** Logs the bots in after the consumers started; logs them out before the transport closes. */
@Injectable()
class WechatyBotsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(WechatyBots) private readonly bots: WechatyBots) {}

  onApplicationBootstrap(): Promise<void> {
    return this.bots.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.bots.stop();
  }
}

/** Quits the Redis connection the module opened, after the consumers stopped. */
@Injectable()
class WechatStoreCloser implements OnApplicationShutdown {
  constructor(
    @Inject(WECHAT_SHARED_STORE) private readonly store: WechatSharedStore & { quit?: () => Promise<void> },
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.quit?.();
  }
}

function storeOf(config: Config): WechatSharedStore & { quit?: () => Promise<void> } {
  if (!config.redis) return new InMemoryWechatSharedStore();
  const redis = new Redis(config.redis.url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const store = new RedisWechatSharedStore(redis, config.redis.keyPrefix);
  return Object.assign(store, { quit: async () => void (await redis.quit()) });
}

function providersOf(options: ChannelWechatModuleOptions): Provider[] {
  const tokens = channelTokens(WECHAT_CHANNEL_NAME);
  return [
    { provide: WECHAT_CONFIG, useFactory: () => options.config ?? loadWechatChannelConfig(process.env) },
    {
      provide: WECHAT_SHARED_STORE,
      inject: [CONFIG],
      useFactory: (config: Config) => options.store ?? storeOf(config),
    },
    ...(options.store ? [] : [WechatStoreCloser]),
    ...(options.selfService ? [options.selfService.provider] : []),
    {
      provide: WechatAccounts,
      inject: [WECHAT_CONFIG],
      useFactory: (c: WechatChannelConfig) => new WechatAccounts(c.accounts),
    },
    {
      provide: WechatHttpClient,
      inject: [WECHAT_CONFIG, WECHAT_SHARED_STORE],
      useFactory: (c: WechatChannelConfig, store: WechatSharedStore) => new WechatHttpClient(c.api, store),
    },
    {
      provide: OfficialAccountApi,
      inject: [WechatHttpClient],
      useFactory: (h: WechatHttpClient) => new OfficialAccountApi(h),
    },
    { provide: KfApi, inject: [WechatHttpClient], useFactory: (h: WechatHttpClient) => new KfApi(h) },
    {
      provide: ReplyWindowTracker,
      inject: [WECHAT_SHARED_STORE],
      useFactory: (s: WechatSharedStore) => new ReplyWindowTracker(s),
    },
    {
      provide: KfSyncPuller,
      inject: [KfApi, WECHAT_SHARED_STORE],
      useFactory: (kf: KfApi, s: WechatSharedStore) => new KfSyncPuller(kf, s),
    },
    {
      provide: WechatDeliveryReports,
      inject: [WECHAT_SHARED_STORE, TRANSPORT],
      useFactory: (s: WechatSharedStore, t: Transport) =>
        new WechatDeliveryReports(s, t, createLogger('WechatDeliveryReports')),
    },
    {
      provide: WechatyBots,
      inject: [WECHAT_CONFIG, tokens.ingress],
      useFactory: (c: WechatChannelConfig, ingress: InboundSink) =>
        new WechatyBots(c.bots, options.puppets ?? importPuppet, ingress, createLogger('WechatyBots')),
    },
    WechatyBotsLifecycle,
    WechatIntakeDrain,
    {
      provide: DeliverWechatAnswer,
      inject: [WechatAccounts, OfficialAccountApi, KfApi, ReplyWindowTracker, WechatDeliveryReports, WechatyBots],
      useFactory: (
        a: WechatAccounts,
        oa: OfficialAccountApi,
        kf: KfApi,
        w: ReplyWindowTracker,
        r: WechatDeliveryReports,
        b: WechatyBots,
      ) => new DeliverWechatAnswer(a, new SendWechatReply(oa, kf, w), r, b),
    },
    {
      provide: WechatMediaFetcher,
      inject: [WECHAT_CONFIG, WechatAccounts, OfficialAccountApi, KfApi],
      useFactory: (c: WechatChannelConfig, a: WechatAccounts, oa: OfficialAccountApi, kf: KfApi) =>
        new WechatMediaFetcher(
          a,
          oa,
          kf,
          options.blobs ?? new LocalBlobStore(blobDirOf(process.env), c.api.maxMediaBytes),
          createLogger('WechatMediaFetcher'),
        ),
    },
    {
      provide: KfSessionState,
      inject: [WechatAccounts, KfApi, WECHAT_SHARED_STORE],
      useFactory: (a: WechatAccounts, kf: KfApi, s: WechatSharedStore) =>
        new KfSessionState(a, kf, s, createLogger('KfSessionState')),
    },
    {
      provide: WECHAT_INTAKE,
      inject: [
        WECHAT_CONFIG,
        WechatAccounts,
        tokens.ingress,
        ReplyWindowTracker,
        WechatDeliveryReports,
        KfSyncPuller,
        KfApi,
        WechatMediaFetcher,
        { token: WECHAT_SELF_SERVICE, optional: true },
      ],
      useFactory: (
        config: WechatChannelConfig,
        accounts: WechatAccounts,
        ingress: InboundSink,
        windows: ReplyWindowTracker,
        reports: WechatDeliveryReports,
        puller: KfSyncPuller,
        kf: KfApi,
        media: WechatMediaFetcher,
        selfService: WechatSelfService | undefined,
      ) =>
        new WechatIntake({
          accounts,
          ingress,
          windows,
          reports,
          puller,
          kf,
          media,
          answerer: new WechatSelfServiceAnswerer(selfService, createLogger('WechatSelfService')),
          maxBodyBytes: config.maxBodyBytes,
          log: createLogger('WechatIntake'),
        }),
    },
  ];
}

/**
 * The WeChat channel on the channel SDK: the Official Account and WeCom customer-service server URLs
 * (`/wechat/oa/:accountId`, `/wechat/kf/:accountId`) on the SDK's ingress, and the outbound.wechat.v1
 * consumer (retries with backoff, DLQ, delivery reports). Needs TRANSPORT and CONFIG.
 */
@Module({})
export class ChannelWechatModule {
  static forRoot(options: ChannelWechatModuleOptions = {}): DynamicModule {
    const config = options.config ?? loadWechatChannelConfig(process.env);
    const resolved = { ...options, config };
    return {
      module: ChannelWechatModule,
      imports: [
        ChannelSdkModule.forAdapter({
          name: WECHAT_CHANNEL_NAME,
          outboundTopic: Topics.outboundWechat,
          imports: options.selfService?.imports ?? [],
          providers: providersOf(resolved),
          exports: [WECHAT_INTAKE, WECHAT_SHARED_STORE, KfSessionState],
          adapter: {
            inject: [WECHAT_INTAKE, DeliverWechatAnswer],
            useFactory: (intake: WechatIntake, deliver: DeliverWechatAnswer) =>
              new WechatChannelAdapter(intake, deliver),
          },
          outbound: { retry: config.delivery },
        }),
      ],
      // The ticket.events.v1 consumer keeps WeCom kf sessions in step with their tickets.
      controllers: [wechatWebhookControllerFor(config.maxBodyBytes), WechatTicketEventsConsumer],
    };
  }
}
