import { Controller, Inject } from '@nestjs/common';
import { Topics } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import {
  BatchEventPattern,
  DeclaredConsumers,
  type BatchHandler,
  type BatchResult,
  type IncomingRecord,
} from '@switchboard/messaging';
import { EmailChannel } from '../email-channel';
import { receiptConsumer } from './receipt-consumer';

export const EMAIL_RECEIPTS_GROUP = DeclaredConsumers.channelEmailReceipts.groupId;

/** inbound.receipts.v1 → Message-ID index and auto-acknowledgement; one group shared by every instance. */
@Controller()
export class EmailReceiptsConsumer {
  readonly #handle: BatchHandler;

  constructor(@Inject(EmailChannel) channel: EmailChannel) {
    this.#handle = receiptConsumer(channel.handleReceipt, createLogger('EmailReceiptsConsumer'));
  }

  @BatchEventPattern(Topics.inboundReceipts, { groupId: EMAIL_RECEIPTS_GROUP })
  handle(records: readonly IncomingRecord[]): Promise<BatchResult | void> {
    return this.#handle(records);
  }
}
