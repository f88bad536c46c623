import { InboundReceipt_Outcome, type InboundReceipt } from '@switchboard/contracts';
import type { FieldProblem } from '@switchboard/http';
import type { StoredSubmission } from '../portal/portal-api.client';

export type TicketedStatus = 'created' | 'appended' | 'duplicate';

/** What became of one submission, as far as this instance knows. */
export type SubmissionResult =
  | {
      readonly kind: 'ticketed';
      readonly status: TicketedStatus;
      readonly messageId: string;
      readonly ticketId: string;
      readonly ticketNumber: string;
    }
  /** Safely on the bus, no receipt yet: it will be ticketed. */
  | { readonly kind: 'accepted'; readonly tenant: string; readonly messageId: string }
  | {
      readonly kind: 'rejected';
      readonly messageId: string;
      readonly reason: string;
      readonly detail: string;
      /** The ticket type's field problems (reason invalid_fields), named as the submission names them. */
      readonly fields: readonly FieldProblem[];
    };

/** The receipt's field errors carry no reason code, so each becomes `invalid`, with the service's message. */
function fieldProblemsOf(receipt: {
  readonly fieldErrors: readonly { readonly field: string; readonly message: string }[];
}): FieldProblem[] {
  return receipt.fieldErrors.map(({ field, message }) => ({
    field: field === 'ticket_type' ? 'ticketType' : `fields.${field}`,
    reason: 'invalid',
    message,
  }));
}

const ticketed = (receipt: InboundReceipt, status: TicketedStatus): SubmissionResult => ({
  kind: 'ticketed',
  status,
  messageId: receipt.messageId,
  ticketId: receipt.ticketId,
  ticketNumber: receipt.ticketNumber,
});

export function submissionResultOf(
  receipt: InboundReceipt | undefined,
  tenant: string,
  messageId: string,
): SubmissionResult {
  if (!receipt) return { kind: 'accepted', tenant, messageId };
  switch (receipt.outcome) {
    case InboundReceipt_Outcome.TICKET_CREATED:
      return ticketed(receipt, 'created');
    case InboundReceipt_Outcome.APPENDED:
      return ticketed(receipt, 'appended');
    case InboundReceipt_Outcome.DUPLICATE:
      return ticketed(receipt, 'duplicate');
    case InboundReceipt_Outcome.REJECTED:
      return {
        kind: 'rejected',
        messageId,
        reason: receipt.rejectReason || 'rejected',
        detail: receipt.rejectDetail,
        fields: fieldProblemsOf(receipt),
      };
    case InboundReceipt_Outcome.UNSPECIFIED:
      return { kind: 'accepted', tenant, messageId };
  }
}

/** The same result from the receipt the ticket service stored (asked for after this instance forgot it). */
export function submissionResultOfStored(stored: StoredSubmission): SubmissionResult {
  if (stored.outcome === 'rejected')
    return {
      kind: 'rejected',
      messageId: stored.messageId,
      reason: stored.rejectReason ?? 'rejected',
      detail: stored.rejectDetail ?? '',
      fields: fieldProblemsOf(stored),
    };
  return {
    kind: 'ticketed',
    status: stored.outcome,
    messageId: stored.messageId,
    ticketId: stored.ticketId ?? '',
    ticketNumber: stored.ticketNumber ?? '',
  };
}
