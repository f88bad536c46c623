import { DomainException, assertUnreachable, type ErrorKind } from '@switchboard/errors';

/** Failures of the HTTP edge itself, before or around any feature's use-case. */
export enum HttpEdgeExceptionCode {
  ValidationFailed = 'validation_failed',
  MalformedBody = 'malformed_body',
  MalformedUrl = 'malformed_url',
  UrlTooLong = 'url_too_long',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  NotFound = 'not_found',
  MethodNotAllowed = 'method_not_allowed',
  RateLimited = 'rate_limited',
}

function kindOf(code: HttpEdgeExceptionCode): ErrorKind {
  switch (code) {
    case HttpEdgeExceptionCode.ValidationFailed:
    case HttpEdgeExceptionCode.MalformedBody:
    case HttpEdgeExceptionCode.MalformedUrl:
      return 'invalid';
    case HttpEdgeExceptionCode.UrlTooLong:
      return 'uri_too_long';
    case HttpEdgeExceptionCode.PayloadTooLarge:
      return 'payload_too_large';
    case HttpEdgeExceptionCode.UnsupportedMediaType:
      return 'unsupported_media_type';
    case HttpEdgeExceptionCode.NotFound:
    case HttpEdgeExceptionCode.MethodNotAllowed:
      return 'not_found';
    case HttpEdgeExceptionCode.RateLimited:
      return 'rate_limited';
    default:
      return assertUnreachable(code, 'HTTP edge exception code');
  }
}

export class HttpEdgeException extends DomainException<HttpEdgeExceptionCode> {
  get kind(): ErrorKind {
    return kindOf(this.code);
  }
}
