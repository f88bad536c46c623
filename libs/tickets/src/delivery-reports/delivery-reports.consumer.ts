import { Controller } from '@nestjs/common';
import { Topics } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import { BatchEventPattern, DeclaredConsumers, type BatchResult, type IncomingRecord } from '@switchboard/messaging';
import { recordDeliveryReports } from './delivery-report-batch';
import { RecordDeliveryReportUseCase } from './record-delivery-report.use-case';

export const DELIVERY_REPORTS_GROUP = DeclaredConsumers.ticketServiceDeliveryReports.groupId;

/** `outbound.status.v1` → RecordDeliveryReportUseCase. */
@Controller()
export class DeliveryReportsConsumer {
  private readonly log = createLogger(DeliveryReportsConsumer.name);

  constructor(private readonly useCase: RecordDeliveryReportUseCase) {}

  @BatchEventPattern(Topics.outboundStatus, { groupId: DELIVERY_REPORTS_GROUP })
  record(records: readonly IncomingRecord[]): Promise<BatchResult> {
    return recordDeliveryReports(this.useCase, records, this.log);
  }
}
