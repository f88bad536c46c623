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
import { AssignTicketsUseCase } from './assign-tickets.use-case';
import { routeCreatedTickets } from './ticket-created-batch';

export const ROUTING_SERVICE_GROUP = 'routing-service';

/**
 * The subscription's options: batch size and concurrency from `config.ingest`, filled in by the
 * consumer's constructor and read by the transport server when it subscribes (after construction).
 */
const options: { -readonly [K in keyof BatchConsumerOptions]: BatchConsumerOptions[K] } = {
  groupId: ROUTING_SERVICE_GROUP,
};

/** `ticket.events.v1` → AssignTicketsUseCase for every TicketCreated. */
@Controller()
export class TicketCreatedConsumer {
  constructor(
    private readonly useCase: AssignTicketsUseCase,
    private readonly metrics: Metrics,
    @Inject(CONFIG) config: Config,
  ) {
    options.maxBatchSize = config.ingest.batchSize;
    options.concurrency = config.ingest.concurrency;
  }

  @BatchEventPattern(Topics.ticketEvents, options)
  route(records: readonly IncomingRecord[]): Promise<BatchResult> {
    return routeCreatedTickets(this.useCase, records, this.metrics);
  }
}
