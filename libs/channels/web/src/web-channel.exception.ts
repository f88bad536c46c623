import { DomainException, assertUnreachable, type ErrorKind, type FieldProblem } from '@switchboard/errors';

export enum WebChannelExceptionCode {
  ValidationFailed = 'validation_failed',
  UnknownTenant = 'unknown_tenant',
  UnknownSubmission = 'unknown_submission',
  /** The bus did not take the message: nothing was stored, the client may retry with the same id. */
  Unavailable = 'service_unavailable',
}

function kindOf(code: WebChannelExceptionCode): ErrorKind {
  switch (code) {
    case WebChannelExceptionCode.ValidationFailed:
      return 'invalid';
    case WebChannelExceptionCode.UnknownTenant:
    case WebChannelExceptionCode.UnknownSubmission:
      return 'not_found';
    case WebChannelExceptionCode.Unavailable:
      return 'unavailable';
    default:
      return assertUnreachable(code, 'web channel exception code');
  }
}

/** Failures of the web channel itself; the HTTP filter answers the status of their kind. */
export class WebChannelException extends DomainException<WebChannelExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}

/**
 * The ticket service refused the submission. Its code is the service's reject_reason (e.g.
 * `tenant_suspended`, `invalid_fields`), which clients read as the error code: 422.
 */
export class SubmissionRejectedException extends DomainException<string> {
  get kind(): ErrorKind {
    return 'unprocessable';
  }

  constructor(reason: string, message: string, fields?: readonly FieldProblem[]) {
    super(reason, message, fields);
  }
}

export const unknownTenant = (tenant: string): WebChannelException =>
  new WebChannelException(
    WebChannelExceptionCode.UnknownTenant,
    `There is no support site called "${tenant.slice(0, 64)}".`,
  );
