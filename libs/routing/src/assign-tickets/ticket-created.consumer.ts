import { Controller } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { Topics } from '@switchboard/contracts';
import {
  DeclaredConsumers,
  BatchEventPattern,
  type BatchConsumerOptions,
  type BatchResult,
  type IncomingRecord,
} from '@switchboard/messaging';
import { Metrics } from '@switchboard/observability';
import { AssignTicketsUseCase } from './assign-tickets.use-case';
import { routeCreatedTickets } from './ticket-created-batch';

export const ROUTING_SERVICE_GROUP = DeclaredConsumers.routingService.groupId;

/** Batch size and concurrency from `config.ingest`, read when the consumers subscribe. */
const options = (config: Config): BatchConsumerOptions => ({
  groupId: ROUTING_SERVICE_GROUP,
  maxBatchSize: config.ingest.batchSize,
  concurrency: config.ingest.concurrency,
});

/** `ticket.events.v1` → AssignTicketsUseCase for every TicketCreated. */
@Controller()
export class TicketCreatedConsumer {
  constructor(
    private readonly useCase: AssignTicketsUseCase,
    private readonly metrics: Metrics,
  ) {}

  @BatchEventPattern(Topics.ticketEvents, options)
  route(records: readonly IncomingRecord[]): Promise<BatchResult> {
    return routeCreatedTickets(this.useCase, records, this.metrics);
  }
}
