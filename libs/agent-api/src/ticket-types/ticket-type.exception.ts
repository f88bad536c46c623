import { HttpError, type FieldProblem } from '@switchboard/http';

export enum TicketTypeExceptionCode {
  TicketTypeNotFound = 'ticket_type_not_found',
  InvalidTemplate = 'invalid_template',
  InvalidFields = 'invalid_fields',
  TicketTypeRequired = 'ticket_type_required',
}

export class TicketTypeException extends Error {
  constructor(
    readonly code: TicketTypeExceptionCode,
    message: string,
    readonly fields?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = 'TicketTypeException';
  }
}

function httpStatusOf(code: TicketTypeExceptionCode): number {
  switch (code) {
    case TicketTypeExceptionCode.TicketTypeNotFound:
      return 404;
    case TicketTypeExceptionCode.InvalidTemplate:
    case TicketTypeExceptionCode.InvalidFields:
    case TicketTypeExceptionCode.TicketTypeRequired:
      return 400;
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped ticket type exception code: ${String(unmapped)}`);
    }
  }
}

export function ticketTypeHttpError(exception: TicketTypeException): HttpError {
  return new HttpError(httpStatusOf(exception.code), exception.code, exception.message, exception.fields);
}
