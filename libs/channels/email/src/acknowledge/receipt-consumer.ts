import { decodeInboundReceipt } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { BatchHandler, Rejection } from '@switchboard/messaging';
import type { HandleReceiptUseCase } from './handle-receipt.use-case';

/** inbound.receipts.v1 → HandleReceiptUseCase; an undecodable receipt goes to the DLQ, a failing one retries. */
export function receiptConsumer(useCase: HandleReceiptUseCase, log: Logger): BatchHandler {
  return async (records) => {
    const rejected: Rejection[] = [];
    for (const record of records) {
      let receipt;
      try {
        receipt = decodeInboundReceipt(record.value);
      } catch (error) {
        log.warn({ partition: record.partition, offset: record.offset.toString() }, 'rejecting undecodable receipt');
        rejected.push({ record, error: error instanceof Error ? error : new Error(String(error)) });
        continue;
      }
      await useCase.execute(receipt);
    }
    return { rejected };
  };
}
