import type { ReceiptWaiter } from '../receipts/receipt-waiter';
import { submissionResultOf, type SubmissionResult } from '../submit-web-form/submission-result';

/**
 * What this instance saw for a submission: a short-lived, per-instance cache of recent receipts,
 * not the ticket database (channels never read it). Undefined when unknown here.
 */
export function getSubmission(
  receipts: ReceiptWaiter,
  tenant: string,
  messageId: string,
): SubmissionResult | undefined {
  const receipt = receipts.lookup(messageId);
  if (!receipt || receipt.tenant !== tenant) return undefined;
  return submissionResultOf(receipt, tenant, messageId);
}
