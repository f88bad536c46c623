import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum TicketFieldsExceptionCode {
  TicketTypeNotFound = 'ticket_type_not_found',
  InvalidFields = 'invalid_fields',
  TicketTypeRequired = 'ticket_type_required',
}

function kindOf(code: TicketFieldsExceptionCode): ErrorKind {
  switch (code) {
    case TicketFieldsExceptionCode.TicketTypeNotFound:
      return 'not_found';
    case TicketFieldsExceptionCode.InvalidFields:
    case TicketFieldsExceptionCode.TicketTypeRequired:
      return 'invalid';
    default:
      return assertUnreachable(code, 'ticket fields exception code');
  }
}

/** A refused custom-field update. A missing, invisible, archived or merged ticket is a TicketLifecycleException. */
export class TicketFieldsException extends DomainException<TicketFieldsExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
