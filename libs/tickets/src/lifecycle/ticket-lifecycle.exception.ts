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

export interface LifecycleProblem {
  readonly field: string;
  readonly reason: string;
  readonly message: string;
}

export class TicketLifecycleException extends Error {
  constructor(
    readonly code: TicketLifecycleExceptionCode,
    message: string,
    readonly fields?: readonly LifecycleProblem[],
  ) {
    super(message);
    this.name = 'TicketLifecycleException';
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
