import type { Config } from '@switchboard/config';
import type { CapacityStore } from '@switchboard/coordination';
import { Topics } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import type { Transport } from '@switchboard/messaging';
import type { Database, OutboxRow } from '@switchboard/persistence';
import { ingestInboundMessagesHandler } from './ingest-inbound-messages/ingest-inbound-messages.consumer';
import { IngestInboundMessagesUseCase } from './ingest-inbound-messages/ingest-inbound-messages.use-case';
import { TenantDirectory } from './shared/tenant-directory';
import { ArchiveClosedTicketsUseCase } from './lifecycle/archive-closed-tickets/archive-closed-tickets.use-case';
import { startTicketArchiver } from './lifecycle/archive-closed-tickets/ticket-archiver';
import { deliveryReportHandler } from './delivery-reports/delivery-report.consumer';
import { RecordDeliveryReportUseCase } from './delivery-reports/record-delivery-report.use-case';

export interface TicketServiceDeps {
  readonly db: Database;
  readonly transport: Transport;
  readonly config: Config;
  /** The agents' load counters (Redis in the distributed mode): a ticket a customer reopens counts again. */
  readonly capacity: CapacityStore;
  /** Receives the outbox rows of each commit (the outbox fast path). */
  readonly onCommitted: (rows: readonly OutboxRow[]) => void;
}

export const TICKET_SERVICE_GROUP = 'ticket-service';
export const DELIVERY_REPORTS_GROUP = 'ticket-service.delivery-reports';

/** The ticket service: consumes inbound messages in batches and turns them into tickets; archives closed tickets hourly. */
export async function startTicketService(deps: TicketServiceDeps): Promise<{ stop(): Promise<void> }> {
  const ingest = new IngestInboundMessagesUseCase({
    db: deps.db,
    tenants: new TenantDirectory(),
    capacity: deps.capacity,
    onCommitted: deps.onCommitted,
  });
  const subscription = await deps.transport.subscribe({
    topic: Topics.inboundMessages,
    groupId: TICKET_SERVICE_GROUP,
    handler: ingestInboundMessagesHandler(ingest),
    maxBatchSize: deps.config.ingest.batchSize,
    concurrency: deps.config.ingest.concurrency,
  });
  const reports = new RecordDeliveryReportUseCase(deps.db, new TenantDirectory(), deps.onCommitted);
  const reportSubscription = await deps.transport.subscribe({
    topic: Topics.outboundStatus,
    groupId: DELIVERY_REPORTS_GROUP,
    handler: deliveryReportHandler(reports, createLogger('DeliveryReports')),
  });
  const archiver = startTicketArchiver(new ArchiveClosedTicketsUseCase(deps));
  return {
    stop: async () => {
      await archiver.stop();
      await reportSubscription.close();
      await subscription.close();
    },
  };
}
