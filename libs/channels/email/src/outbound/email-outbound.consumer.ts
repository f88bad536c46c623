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
import { outboundConsumer } from './outbound-consumer';

export const EMAIL_OUTBOUND_GROUP = DeclaredConsumers.channelEmailOutbound.groupId;

/** outbound.email.v1 → SMTP, one record after another within a batch (a conversation's replies keep their order). */
@Controller()
export class EmailOutboundConsumer {
  readonly #handle: BatchHandler;

  constructor(@Inject(EmailChannel) channel: EmailChannel) {
    this.#handle = outboundConsumer(channel.sendOutbound, createLogger('EmailOutboundConsumer'));
  }

  @BatchEventPattern(Topics.outboundEmail, { groupId: EMAIL_OUTBOUND_GROUP })
  handle(records: readonly IncomingRecord[]): Promise<BatchResult | void> {
    return this.#handle(records);
  }
}
