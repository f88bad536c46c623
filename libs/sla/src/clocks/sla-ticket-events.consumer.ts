import { Controller } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { Topics } from '@switchboard/contracts';
import {
  BatchEventPattern,
  type BatchConsumerOptions,
  type BatchResult,
  type IncomingRecord,
} from '@switchboard/messaging';
import { slaInputOf } from './ticket-events.mapping';
import { UpdateTicketClocksUseCase } from './update-ticket-clocks.use-case';

/** Its own consumer group: the SLA engine reads every ticket event, beside routing and the rest. */
export const SLA_GROUP = 'ticket-service.sla';

const options = (config: Config): BatchConsumerOptions => ({
  groupId: SLA_GROUP,
  maxBatchSize: config.ingest.batchSize,
  concurrency: config.ingest.concurrency,
});

/** ticket.events.v1 → the tickets' SLA clocks, one transaction per batch. */
@Controller()
export class SlaTicketEventsConsumer {
  constructor(private readonly clocks: UpdateTicketClocksUseCase) {}

  @BatchEventPattern(Topics.ticketEvents, options)
  async track(records: readonly IncomingRecord[]): Promise<BatchResult> {
    const { events, rejected } = slaInputOf(records);
    await this.clocks.execute(events);
    return { rejected };
  }
}
