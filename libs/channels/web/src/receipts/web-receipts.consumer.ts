import { Controller, Inject, type Type } from '@nestjs/common';
import { Topics } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import {
  BatchEventPattern,
  consumerGroupIdOf,
  DeclaredConsumers,
  type BatchHandler,
  type BatchResult,
  type IncomingRecord,
} from '@switchboard/messaging';
import { receiptHandler } from './receipt-handler';
import { ReceiptWaiter } from './receipt-waiter';

export const webReceiptsGroupOf = (instanceId: string): string =>
  consumerGroupIdOf(DeclaredConsumers.channelWebReceipts, instanceId);

/**
 * inbound.receipts.v1 → the waiting requests. Each instance has its own group starting at 'latest':
 * every instance sees every receipt from now on, which is what a request waiting on this instance
 * needs, whatever partition it came from. The group names the instance, so the consumer class is
 * built per application (decorators are static): ChannelWebModule.forRoot(config) does it.
 */
export function webReceiptsConsumerFor(instanceId: string): Type {
  @Controller()
  class WebReceiptsConsumer {
    readonly #handle: BatchHandler;

    constructor(@Inject(ReceiptWaiter) waiter: ReceiptWaiter) {
      this.#handle = receiptHandler(waiter, createLogger('WebReceiptsConsumer'));
    }

    @BatchEventPattern(Topics.inboundReceipts, {
      groupId: webReceiptsGroupOf(instanceId),
      startFrom: 'latest',
      maxBatchSize: 1_000,
    })
    handle(records: readonly IncomingRecord[]): Promise<BatchResult | void> {
      return this.#handle(records);
    }
  }
  return WebReceiptsConsumer;
}
