import type { FieldProblem } from '@switchboard/http';
import { submissionStatusPath } from './tenant-slug.util';
import type { SubmissionResult } from '../submit-web-form/submission-result';
import { SubmissionRejectedException, unknownTenant, type WebChannelException } from '../web-channel.exception';

export interface SubmissionBody {
  readonly status: 'created' | 'appended' | 'duplicate' | 'accepted' | 'rejected';
  readonly messageId: string;
  readonly ticketNumber?: string;
  readonly ticketId?: string;
  readonly statusUrl?: string;
  readonly reason?: string;
  readonly fields?: readonly FieldProblem[];
}

export function rejectionError(
  result: Extract<SubmissionResult, { kind: 'rejected' }>,
  tenant: string,
): WebChannelException | SubmissionRejectedException {
  if (result.reason === 'unknown_tenant') return unknownTenant(tenant);
  const message = result.detail || 'The ticket service did not accept this message.';
  const fields = result.fields.length > 0 ? result.fields : undefined;
  return new SubmissionRejectedException(result.reason, message, fields);
}

/** HTTP status of a submission answer: 201 created, 200 appended/duplicate, 202 accepted, 404/422 rejected. */
export function submissionStatusCode(result: SubmissionResult): number {
  switch (result.kind) {
    case 'ticketed':
      return result.status === 'created' ? 201 : 200;
    case 'accepted':
      return 202;
    case 'rejected':
      return result.reason === 'unknown_tenant' ? 404 : 422;
  }
}

/** The JSON body; a rejection is an error body instead, so rejected results are not handled here. */
export function submissionBody(result: Exclude<SubmissionResult, { kind: 'rejected' }>): SubmissionBody {
  switch (result.kind) {
    case 'ticketed':
      return {
        status: result.status,
        ticketNumber: result.ticketNumber,
        ticketId: result.ticketId,
        messageId: result.messageId,
      };
    case 'accepted':
      return {
        status: 'accepted',
        messageId: result.messageId,
        statusUrl: submissionStatusPath(result.tenant, result.messageId),
      };
  }
}

/** The status route reports a rejection as a state of the submission, not as an error. */
export function statusBody(result: SubmissionResult): SubmissionBody {
  return result.kind === 'rejected'
    ? {
        status: 'rejected',
        messageId: result.messageId,
        reason: result.reason,
        ...(result.fields.length > 0 ? { fields: result.fields } : {}),
      }
    : submissionBody(result);
}
