import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum AgentApiExceptionCode {
  Unauthorized = 'unauthorized',
  InvalidToken = 'invalid_token',
  TokenExpired = 'token_expired',
  InvalidCredentials = 'invalid_credentials',
  Forbidden = 'forbidden',
  TicketNotFound = 'ticket_not_found',
  AttachmentNotFound = 'attachment_not_found',
  /** A channel service's request without a valid signature, or outside the replay window. */
  InvalidServiceSignature = 'invalid_service_signature',
}

function kindOf(code: AgentApiExceptionCode): ErrorKind {
  switch (code) {
    case AgentApiExceptionCode.Unauthorized:
    case AgentApiExceptionCode.InvalidToken:
    case AgentApiExceptionCode.TokenExpired:
    case AgentApiExceptionCode.InvalidCredentials:
    case AgentApiExceptionCode.InvalidServiceSignature:
      return 'unauthenticated';
    case AgentApiExceptionCode.Forbidden:
      return 'forbidden';
    case AgentApiExceptionCode.TicketNotFound:
    case AgentApiExceptionCode.AttachmentNotFound:
      return 'not_found';
    default:
      return assertUnreachable(code, 'agent API exception code');
  }
}

/** The agent API's own refusals (authentication, roles, tickets the caller may not see). */
export class AgentApiException extends DomainException<AgentApiExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
