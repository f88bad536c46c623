import { Controller, Inject, type Type } from '@nestjs/common';
import { createLogger } from '@switchboard/logger';
import {
  BatchEventPattern,
  TRANSPORT,
  type BatchHandler,
  type BatchResult,
  type IncomingRecord,
  type Transport,
} from '@switchboard/messaging';
import type { ChannelAdapter } from '../adapter/channel-adapter';
import type { ChannelMetrics } from '../metrics/channel-metrics';
import { channelTokens } from '../nest/channel-tokens';
import { channelOutboundHandler } from './channel-outbound-handler';
import type { DeliveryRetryPolicy } from './deliver-with-retry';

export const outboundGroupOf = (name: string): string => `channel-${name}.outbound`;

export interface OutboundConsumerOptions {
  readonly topic: string;
  readonly retry: DeliveryRetryPolicy;
  readonly concurrency?: number;
}

/** The adapter's outbound.<channel>.v1 consumer (group `channel-<name>.outbound`), built per adapter. */
export function channelOutboundConsumerFor(name: string, options: OutboundConsumerOptions): Type {
  const tokens = channelTokens(name);
  @Controller()
  class ChannelOutboundConsumer {
    readonly #handle: BatchHandler;

    constructor(
      @Inject(tokens.adapter) adapter: ChannelAdapter,
      @Inject(TRANSPORT) transport: Transport,
      @Inject(tokens.metrics) metrics: ChannelMetrics,
    ) {
      const log = createLogger(`Channel${name[0]?.toUpperCase() ?? ''}${name.slice(1)}Outbound`);
      this.#handle = channelOutboundHandler({ adapter, transport, metrics, retry: options.retry, log });
    }

    @BatchEventPattern(options.topic, {
      groupId: outboundGroupOf(name),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    })
    handle(records: readonly IncomingRecord[]): Promise<BatchResult | void> {
      return this.#handle(records);
    }
  }
  return ChannelOutboundConsumer;
}
