import { Controller, Inject } from '@nestjs/common';
import { CONFIG, type Config } from '@switchboard/config';
import { Topics } from '@switchboard/contracts';
import {
  BatchEventPattern,
  type BatchConsumerOptions,
  type BatchResult,
  type IncomingRecord,
} from '@switchboard/messaging';
import { Metrics } from '@switchboard/observability';
import { ingestInboundBatch } from './inbound-batch';
import { IngestInboundMessagesUseCase } from './ingest-inbound-messages.use-case';

export const TICKET_SERVICE_GROUP = 'ticket-service';

/**
 * The subscription's options. Batch size and concurrency come from `config.ingest`, known only once
 * the app is built: the consumer's constructor fills them in, and the transport server reads them
 * when it subscribes, which Nest does after every provider and controller exists.
 */
const options: { -readonly [K in keyof BatchConsumerOptions]: BatchConsumerOptions[K] } = {
  groupId: TICKET_SERVICE_GROUP,
};

/** `inbound.messages.v1` → IngestInboundMessagesUseCase, one batch per transaction. */
@Controller()
export class IngestInboundMessagesConsumer {
  constructor(
    private readonly useCase: IngestInboundMessagesUseCase,
    private readonly metrics: Metrics,
    @Inject(CONFIG) config: Config,
  ) {
    options.maxBatchSize = config.ingest.batchSize;
    options.concurrency = config.ingest.concurrency;
  }

  @BatchEventPattern(Topics.inboundMessages, options)
  ingest(records: readonly IncomingRecord[]): Promise<BatchResult> {
    return ingestInboundBatch(this.useCase, records, this.metrics);
  }
}
