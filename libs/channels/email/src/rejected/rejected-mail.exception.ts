import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

export enum RejectedMailExceptionCode {
  RejectedMailNotFound = 'rejected_mail_not_found',
  RejectedMailNotRetryable = 'rejected_mail_not_retryable',
}

function kindOf(code: RejectedMailExceptionCode): ErrorKind {
  switch (code) {
    case RejectedMailExceptionCode.RejectedMailNotFound:
      return 'not_found';
    case RejectedMailExceptionCode.RejectedMailNotRetryable:
      return 'conflict';
    default:
      return assertUnreachable(code, 'rejected mail exception code');
  }
}

/** A refused request on the rejected-mail list. */
export class RejectedMailException extends DomainException<RejectedMailExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
