import { HttpError, type FieldProblem } from '@switchboard/http';

export enum AgentApiExceptionCode {
  ValidationFailed = 'validation_failed',
  Unauthorized = 'unauthorized',
  InvalidToken = 'invalid_token',
  TokenExpired = 'token_expired',
  InvalidCredentials = 'invalid_credentials',
  Forbidden = 'forbidden',
  TicketNotFound = 'ticket_not_found',
}

export class AgentApiException extends Error {
  constructor(
    readonly code: AgentApiExceptionCode,
    message: string,
    readonly fields?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = 'AgentApiException';
  }
}

function httpStatusOf(code: AgentApiExceptionCode): number {
  switch (code) {
    case AgentApiExceptionCode.ValidationFailed:
      return 400;
    case AgentApiExceptionCode.Unauthorized:
    case AgentApiExceptionCode.InvalidToken:
    case AgentApiExceptionCode.TokenExpired:
    case AgentApiExceptionCode.InvalidCredentials:
      return 401;
    case AgentApiExceptionCode.Forbidden:
      return 403;
    case AgentApiExceptionCode.TicketNotFound:
      return 404;
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped agent API exception code: ${String(unmapped)}`);
    }
  }
}

/** The one place agent API failures become HTTP answers. */
export function toHttpError(exception: AgentApiException): HttpError {
  return new HttpError(httpStatusOf(exception.code), exception.code, exception.message, exception.fields);
}
