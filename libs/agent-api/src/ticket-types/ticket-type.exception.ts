import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum TicketTypeExceptionCode {
  TicketTypeNotFound = 'ticket_type_not_found',
  InvalidTemplate = 'invalid_template',
  InvalidFields = 'invalid_fields',
  TicketTypeRequired = 'ticket_type_required',
}

function kindOf(code: TicketTypeExceptionCode): ErrorKind {
  switch (code) {
    case TicketTypeExceptionCode.TicketTypeNotFound:
      return 'not_found';
    case TicketTypeExceptionCode.InvalidTemplate:
    case TicketTypeExceptionCode.InvalidFields:
    case TicketTypeExceptionCode.TicketTypeRequired:
      return 'invalid';
    default:
      return assertUnreachable(code, 'ticket type exception code');
  }
}

export class TicketTypeException extends DomainException<TicketTypeExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
