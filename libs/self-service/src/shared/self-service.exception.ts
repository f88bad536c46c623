import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum SelfServiceExceptionCode {
  /** A wrong ticket number, a wrong, used or expired code: deliberately one answer for all of them. */
  LookupFailed = 'lookup_failed',
  /** No session, or a session or signed link that is forged or expired. */
  PortalUnauthorized = 'portal_unauthorized',
  /** The ticket is not one of this customer's (answered like a missing one). */
  PortalTicketNotFound = 'portal_ticket_not_found',
  /** An archived or merged ticket takes no follow-up. */
  TicketReadOnly = 'ticket_read_only',
  /** The ticket is not resolved, or this round was already rated. */
  CsatNotOpen = 'csat_not_open',
  /** The ticket's type takes no visit (settings.visitTicketTypes). */
  VisitNotAllowed = 'visit_not_allowed',
  /** A window that is not a local time, or ends before it starts. */
  InvalidVisitWindow = 'invalid_visit_window',
  /** The technician already has a visit in that window. */
  AppointmentOverlap = 'appointment_overlap',
  AppointmentNotFound = 'appointment_not_found',
  /** A cancelled visit cannot be moved or cancelled again. */
  AppointmentCancelled = 'appointment_cancelled',
  /** No tenant has that slug (the form and portal of a tenant that does not exist are not served). */
  UnknownTenant = 'unknown_tenant',
  /** No such attachment on a message the customer may see. */
  PortalAttachmentNotFound = 'attachment_not_found',
  /** No receipt for that submission: still on its way, or older than the receipts are kept. */
  SubmissionUnknown = 'submission_unknown',
}

function kindOf(code: SelfServiceExceptionCode): ErrorKind {
  switch (code) {
    case SelfServiceExceptionCode.LookupFailed:
    case SelfServiceExceptionCode.PortalUnauthorized:
      return 'unauthenticated';
    case SelfServiceExceptionCode.PortalTicketNotFound:
    case SelfServiceExceptionCode.AppointmentNotFound:
    case SelfServiceExceptionCode.UnknownTenant:
    case SelfServiceExceptionCode.SubmissionUnknown:
    case SelfServiceExceptionCode.PortalAttachmentNotFound:
      return 'not_found';
    case SelfServiceExceptionCode.TicketReadOnly:
    case SelfServiceExceptionCode.CsatNotOpen:
    case SelfServiceExceptionCode.AppointmentOverlap:
    case SelfServiceExceptionCode.AppointmentCancelled:
      return 'conflict';
    case SelfServiceExceptionCode.VisitNotAllowed:
      return 'unprocessable';
    case SelfServiceExceptionCode.InvalidVisitWindow:
      return 'invalid';
    default:
      return assertUnreachable(code, 'self-service exception code');
  }
}

/** A refusal of the customer portal or of the appointment endpoints. */
export class SelfServiceException extends DomainException<SelfServiceExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}

export const lookupFailed = (): SelfServiceException =>
  new SelfServiceException(SelfServiceExceptionCode.LookupFailed, 'That ticket number and code do not match.');

export const portalTicketNotFound = (): SelfServiceException =>
  new SelfServiceException(SelfServiceExceptionCode.PortalTicketNotFound, 'No such ticket.');

export const portalAttachmentNotFound = (): SelfServiceException =>
  new SelfServiceException(SelfServiceExceptionCode.PortalAttachmentNotFound, 'No such attachment.');

export const unknownTenant = (slug: string): SelfServiceException =>
  new SelfServiceException(SelfServiceExceptionCode.UnknownTenant, `There is no help desk at "${slug}".`);

export const submissionUnknown = (): SelfServiceException =>
  new SelfServiceException(
    SelfServiceExceptionCode.SubmissionUnknown,
    'No result for that submission yet: it is still on its way, or older than 30 days.',
  );
