import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { Config } from '@switchboard/config';
import { Topics } from '@switchboard/contracts';
import {
  DeclaredConsumers,
  BatchContext,
  BatchEventPattern,
  type BatchConsumerOptions,
  type BatchResult,
  type IncomingRecord,
} from '@switchboard/messaging';
import { Metrics } from '@switchboard/observability';
import { ingestInboundBatch } from './inbound-batch';
import { IngestInboundMessagesUseCase } from './ingest-inbound-messages.use-case';

export const TICKET_SERVICE_GROUP = DeclaredConsumers.ticketServiceInbound.groupId;

/** Batch size and concurrency from `config.ingest`, read when the consumers subscribe. */
const options = (config: Config): BatchConsumerOptions => ({
  groupId: TICKET_SERVICE_GROUP,
  maxBatchSize: config.ingest.batchSize,
  concurrency: config.ingest.concurrency,
});

/** `inbound.messages.v1` → IngestInboundMessagesUseCase, one batch per transaction. */
@Controller()
export class IngestInboundMessagesConsumer {
  constructor(
    private readonly useCase: IngestInboundMessagesUseCase,
    private readonly metrics: Metrics,
  ) {}

  @BatchEventPattern(Topics.inboundMessages, options)
  ingest(@Payload() records: readonly IncomingRecord[], @Ctx() context: BatchContext): Promise<BatchResult> {
    return ingestInboundBatch(this.useCase, records, this.metrics, context.getAttempt());
  }
}
