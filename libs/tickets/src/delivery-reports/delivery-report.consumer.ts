import { decodeDeliveryReport, type DeliveryReport } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { BatchHandler, Rejection } from '@switchboard/messaging';
import type { RecordDeliveryReportUseCase } from './record-delivery-report.use-case';

/** outbound.status.v1 → RecordDeliveryReportUseCase; undecodable reports go to the DLQ. */
export function deliveryReportHandler(useCase: RecordDeliveryReportUseCase, log: Logger): BatchHandler {
  return async (records) => {
    const rejected: Rejection[] = [];
    for (const record of records) {
      let report: DeliveryReport;
      try {
        report = decodeDeliveryReport(record.value);
      } catch (error) {
        rejected.push({ record, error: error instanceof Error ? error : new Error(String(error)) });
        continue;
      }
      const outcome = await useCase.execute(report);
      if (outcome !== 'recorded') {
        log.info({ tenant: report.tenant, messageId: report.messageId, outcome }, 'delivery report not applied');
      }
    }
    return { rejected };
  };
}
