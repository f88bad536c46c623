import { decodeDeliveryReport, type DeliveryReport } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { BatchResult, IncomingRecord, Rejection } from '@switchboard/messaging';
import type { RecordDeliveryReportUseCase } from './record-delivery-report.use-case';

/** One `outbound.status.v1` batch, report by report; undecodable reports go to the DLQ, skipped ones are logged. */
export async function recordDeliveryReports(
  useCase: RecordDeliveryReportUseCase,
  records: readonly IncomingRecord[],
  log: Pick<Logger, 'info'>,
): Promise<BatchResult> {
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
}
