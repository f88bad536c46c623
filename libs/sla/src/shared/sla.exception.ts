import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum SlaExceptionCode {
  PolicyNotFound = 'sla_policy_not_found',
  CalendarNotFound = 'business_calendar_not_found',
  /** Another policy of the tenant has this key or position. */
  PolicyConflict = 'sla_policy_conflict',
  /** Another calendar of the tenant has this name. */
  CalendarConflict = 'business_calendar_conflict',
  /** A calendar a policy still uses cannot be deleted. */
  CalendarInUse = 'business_calendar_in_use',
  /** The saved version is not the one the admin edited (optimistic concurrency). */
  StaleVersion = 'stale_version',
  /** A calendar with no working time at all, or an official source the packages do not know. */
  InvalidCalendar = 'invalid_calendar',
  /** A policy that names a calendar or team the tenant does not have. */
  InvalidPolicy = 'invalid_sla_policy',
  TicketNotFound = 'ticket_not_found',
}

function kindOf(code: SlaExceptionCode): ErrorKind {
  switch (code) {
    case SlaExceptionCode.PolicyNotFound:
    case SlaExceptionCode.CalendarNotFound:
    case SlaExceptionCode.TicketNotFound:
      return 'not_found';
    case SlaExceptionCode.PolicyConflict:
    case SlaExceptionCode.CalendarConflict:
    case SlaExceptionCode.CalendarInUse:
    case SlaExceptionCode.StaleVersion:
      return 'conflict';
    case SlaExceptionCode.InvalidCalendar:
    case SlaExceptionCode.InvalidPolicy:
      return 'unprocessable';
    default:
      return assertUnreachable(code, 'SLA exception code');
  }
}

/** A refusal of the SLA admin endpoints or of the ticket SLA view. */
export class SlaException extends DomainException<SlaExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
