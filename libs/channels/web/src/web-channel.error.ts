import { HttpError, type FieldProblem } from '@switchboard/http';

export enum WebChannelErrorCode {
  ValidationFailed = 'validation_failed',
  UnknownTenant = 'unknown_tenant',
  UnknownSubmission = 'unknown_submission',
  UnsupportedMediaType = 'unsupported_media_type',
  /** The ticket service refused the message; the public code is its reject_reason. */
  SubmissionRejected = 'submission_rejected',
  /** The bus did not take the message: nothing was stored, the client may retry with the same id. */
  Unavailable = 'service_unavailable',
}

/** Errors of the web channel; mapped to HTTP in one place (toHttpError). */
export class WebChannelError extends Error {
  constructor(
    readonly code: WebChannelErrorCode,
    message: string,
    readonly fields?: readonly FieldProblem[],
    /** For SubmissionRejected: the ticket service's reject_reason, sent as the error code. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'WebChannelError';
  }
}

export function httpStatusOf(code: WebChannelErrorCode): number {
  switch (code) {
    case WebChannelErrorCode.ValidationFailed:
      return 400;
    case WebChannelErrorCode.UnknownTenant:
    case WebChannelErrorCode.UnknownSubmission:
      return 404;
    case WebChannelErrorCode.UnsupportedMediaType:
      return 415;
    case WebChannelErrorCode.SubmissionRejected:
      return 422;
    case WebChannelErrorCode.Unavailable:
      return 503;
  }
}

export function toHttpError(error: WebChannelError): HttpError {
  const code = error.code === WebChannelErrorCode.SubmissionRejected ? (error.reason ?? error.code) : error.code;
  return new HttpError(httpStatusOf(error.code), code, error.message, error.fields);
}

export const unknownTenant = (tenant: string): WebChannelError =>
  new WebChannelError(WebChannelErrorCode.UnknownTenant, `There is no support site called "${tenant.slice(0, 64)}".`);
