import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata, type Provider } from '@nestjs/common';
import { createLogger } from '@switchboard/logger';
import { TRANSPORT, type Transport } from '@switchboard/messaging';
import { Metrics } from '@switchboard/observability';
import { ChannelIngress, type ChannelIngressOptions } from '../ingress/channel-ingress';
import { ChannelMetrics } from '../metrics/channel-metrics';
import { DEFAULT_DELIVERY_RETRY, type DeliveryRetryPolicy } from '../outbound/deliver-with-retry';
import { channelOutboundConsumerFor } from '../outbound/channel-outbound.consumer';
import {
  channelStatusControllerFor,
  channelWebhookControllerFor,
  type WebhookRouteOptions,
} from '../webhook/channel-webhook.controller';
import { channelTokens } from './channel-tokens';

export interface ChannelSdkModuleOptions {
  readonly name: string;
  readonly outboundTopic: string;
  /** Builds the adapter; `inject` names what it needs (from `imports` / `providers`). */
  readonly adapter: Pick<FactoryProvider, 'inject' | 'useFactory'>;
  readonly imports?: ModuleMetadata['imports'];
  readonly providers?: Provider[];
  readonly exports?: ModuleMetadata['exports'];
  /** The SDK's webhook (signature, limits, publish-then-ack); omit for a channel with its own intake. */
  readonly webhook?: WebhookRouteOptions;
  readonly ingress?: ChannelIngressOptions;
  /** The SDK's outbound consumer; `false` for a channel that sends nothing. */
  readonly outbound?: { readonly retry?: Partial<DeliveryRetryPolicy>; readonly concurrency?: number } | false;
}

/**
 * What every adapter gets without writing it: the webhook with its limits, the ingress (publish, then
 * answer; dedupe on the channel's message id), the outbound consumer (retries with backoff, DLQ, delivery
 * reports) and metrics. Health and /metrics come from the app's ServicePlatformModule. Needs TRANSPORT.
 */
@Module({})
export class ChannelSdkModule {
  static forAdapter(options: ChannelSdkModuleOptions): DynamicModule {
    const tokens = channelTokens(options.name);
    const controllers = [];
    if (options.webhook) {
      controllers.push(channelWebhookControllerFor(options.name, options.webhook));
      const { statusPath } = options.webhook;
      if (statusPath) controllers.push(channelStatusControllerFor(options.name, { ...options.webhook, statusPath }));
    }
    if (options.outbound !== false) {
      const retry = { ...DEFAULT_DELIVERY_RETRY, ...options.outbound?.retry };
      const concurrency = options.outbound?.concurrency;
      controllers.push(
        channelOutboundConsumerFor(options.name, {
          topic: options.outboundTopic,
          retry,
          ...(concurrency ? { concurrency } : {}),
        }),
      );
    }
    return {
      module: ChannelSdkModule,
      imports: options.imports ?? [],
      controllers,
      providers: [
        ...(options.providers ?? []),
        { provide: tokens.adapter, inject: options.adapter.inject ?? [], useFactory: options.adapter.useFactory },
        {
          provide: tokens.metrics,
          inject: [{ token: Metrics, optional: true }],
          useFactory: (m?: Metrics) => ChannelMetrics.for(m?.registry),
        },
        {
          provide: tokens.ingress,
          inject: [TRANSPORT, tokens.metrics],
          useFactory: (transport: Transport, metrics: ChannelMetrics) =>
            new ChannelIngress(
              options.name,
              transport,
              metrics,
              createLogger(`ChannelIngress:${options.name}`),
              options.ingress,
            ),
        },
      ],
      exports: [tokens.adapter, tokens.ingress, ...(options.exports ?? [])],
    };
  }
}
