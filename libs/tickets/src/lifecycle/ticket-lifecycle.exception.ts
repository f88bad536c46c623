import { DomainException, assertUnreachable, type ErrorKind, type FieldProblem } from '@switchboard/errors';

export enum TicketLifecycleExceptionCode {
  /** No such ticket, or one the caller may not see: both answer alike. */
  TicketNotFound = 'ticket_not_found',
  Forbidden = 'forbidden',
  InvalidTransition = 'invalid_transition',
  TicketArchived = 'ticket_archived',
  /** The ticket was merged into another; changes go to that one. */
  TicketMerged = 'ticket_merged',
  TicketIncomplete = 'ticket_incomplete',
  /** The named agent or team does not exist in the tenant, or the agent is not in the team. */
  InvalidAssignee = 'invalid_assignee',
  InvalidTeam = 'invalid_team',
  /** A rejection or transfer without its reason (for callers that bypass the HTTP validation). */
  ReasonRequired = 'reason_required',
}

/** One field's problem with a lifecycle command (the shared shape of every 4xx with fields). */
export type LifecycleProblem = FieldProblem;

function kindOf(code: TicketLifecycleExceptionCode): ErrorKind {
  switch (code) {
    case TicketLifecycleExceptionCode.TicketNotFound:
      return 'not_found';
    case TicketLifecycleExceptionCode.Forbidden:
      return 'forbidden';
    case TicketLifecycleExceptionCode.InvalidTransition:
    case TicketLifecycleExceptionCode.TicketArchived:
    case TicketLifecycleExceptionCode.TicketMerged:
    case TicketLifecycleExceptionCode.TicketIncomplete:
      return 'conflict';
    case TicketLifecycleExceptionCode.InvalidAssignee:
    case TicketLifecycleExceptionCode.InvalidTeam:
    case TicketLifecycleExceptionCode.ReasonRequired:
      return 'unprocessable';
    default:
      return assertUnreachable(code, 'ticket lifecycle exception code');
  }
}

/** A refused status change, assignment, transfer or review decision. */
export class TicketLifecycleException extends DomainException<TicketLifecycleExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}

/** The one way a refused transition is reported: the allowed targets in the message and in the fields. */
export function invalidTransition(
  number: string,
  from: string,
  to: string,
  allowed: readonly string[],
): TicketLifecycleException {
  const list = `[${allowed.join(', ')}]`;
  return new TicketLifecycleException(
    TicketLifecycleExceptionCode.InvalidTransition,
    `${number} cannot go from ${from} to ${to}; allowed: ${list}.`,
    [{ field: 'status', reason: 'invalid_transition', message: `allowed: ${list}` }],
  );
}
