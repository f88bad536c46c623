import { Module } from '@nestjs/common';
import { CAPACITY_STORE, type CapacityStore } from '@switchboard/coordination';
import { DATABASE, OutboxService, type Database } from '@switchboard/persistence';
import { DeliveryReportsConsumer } from './delivery-reports/delivery-reports.consumer';
import { RecordDeliveryReportUseCase } from './delivery-reports/record-delivery-report.use-case';
import { ReceiptRetentionService } from './inbound-receipts/receipt-retention.service';
import { IngestInboundMessagesConsumer } from './ingest-inbound-messages/ingest-inbound-messages.consumer';
import { IngestInboundMessagesUseCase } from './ingest-inbound-messages/ingest-inbound-messages.use-case';
import { TicketArchiverService } from './lifecycle/archive-closed-tickets/ticket-archiver.service';
import { TenantDirectory } from './shared/tenant-directory';
import { TicketsModule } from './tickets.module';

/**
 * The ticket service: consumes inbound messages in batches and turns them into tickets, records
 * delivery reports, archives closed tickets and forgets month-old inbound receipts hourly. The consumers run once the app connects
 * BatchTransportServer (`startConsumers(app)` from @switchboard/messaging); they need the global
 * TRANSPORT/BatchTransportServer (MessagingModule), CONFIG (ConfigModule), Metrics (ObservabilityModule)
 * and what TicketsModule needs.
 */
@Module({
  imports: [TicketsModule],
  controllers: [IngestInboundMessagesConsumer, DeliveryReportsConsumer],
  providers: [
    {
      provide: IngestInboundMessagesUseCase,
      inject: [DATABASE, TenantDirectory, CAPACITY_STORE, OutboxService],
      useFactory: (db: Database, tenants: TenantDirectory, capacity: CapacityStore, outbox: OutboxService) =>
        new IngestInboundMessagesUseCase({ db, tenants, capacity, onCommitted: outbox.onCommitted }),
    },
    {
      provide: RecordDeliveryReportUseCase,
      inject: [DATABASE, TenantDirectory, OutboxService],
      useFactory: (db: Database, tenants: TenantDirectory, outbox: OutboxService) =>
        new RecordDeliveryReportUseCase(db, tenants, outbox.onCommitted),
    },
    TicketArchiverService,
    ReceiptRetentionService,
  ],
})
export class TicketServiceModule {}
