import { createLogger } from '@switchboard/logger';
import { WebChannelException, WebChannelExceptionCode } from '../web-channel.exception';
import type { PortalApiClient } from '../portal/portal-api.client';
import type { ReceiptWaiter } from '../receipts/receipt-waiter';
import {
  submissionResultOf,
  submissionResultOfStored,
  type SubmissionResult,
} from '../submit-web-form/submission-result';

const log = createLogger('GetSubmission');

/**
 * What became of a submission: this instance's recent receipts first (no round trip), else the receipt
 * the ticket service stored, through the customer API (channels never read the ticket database).
 * Undefined when neither knows it: still on its way, never sent, or older than the receipts are kept;
 * 503 when the stored receipts cannot be asked (an "unknown" then would be a wrong answer).
 */
export async function getSubmission(
  receipts: ReceiptWaiter,
  api: Pick<PortalApiClient, 'submission'>,
  tenant: string,
  messageId: string,
): Promise<SubmissionResult | undefined> {
  const receipt = receipts.lookup(messageId);
  if (receipt) return receipt.tenant === tenant ? submissionResultOf(receipt, tenant, messageId) : undefined;
  const stored = await api.submission(tenant, messageId);
  if (stored.ok) return submissionResultOfStored(stored.value);
  if (stored.failure === 'not_found') return undefined;
  log.warn({ tenant, messageId, failure: stored.failure }, 'the stored receipts could not be asked');
  throw new WebChannelException(
    WebChannelExceptionCode.Unavailable,
    'The status of this submission cannot be looked up right now; try again in a moment.',
  );
}
