import { decodeInboundReceipt, type InboundReceipt } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { BatchHandler, IncomingRecord, Rejection } from '@switchboard/messaging';
import type { ReceiptWaiter } from './receipt-waiter';

export class InvalidReceiptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReceiptError';
  }
}

function decode(record: IncomingRecord): InboundReceipt {
  let receipt: InboundReceipt;
  try {
    receipt = decodeInboundReceipt(record.value);
  } catch (error) {
    throw new InvalidReceiptError(
      `undecodable InboundReceipt: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (receipt.messageId === '') throw new InvalidReceiptError('InboundReceipt without message_id');
  return receipt;
}

/** Feeds every receipt to the waiter; a receipt that cannot be read is rejected, so it lands in the DLQ. */
export function receiptHandler(waiter: ReceiptWaiter, log: Logger): BatchHandler {
  return async (records) => {
    let rejected: Rejection[] | undefined;
    for (const record of records) {
      try {
        waiter.deliver(decode(record));
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        log.warn({ partition: record.partition, offset: record.offset.toString(), err: error }, 'rejecting receipt');
        (rejected ??= []).push({ record, error });
      }
    }
    return rejected ? { rejected } : undefined;
  };
}
