import { HttpException } from '@nestjs/common';
import { HttpEdgeException, HttpEdgeExceptionCode as Code } from './http-edge.exception';

interface FrameworkError {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly name?: unknown;
}

const SEND_A_PARSED_TYPE = 'Send application/json or application/x-www-form-urlencoded.';

/** Fastify's own failures (body parsing, limits, rate limit) in our vocabulary. */
function fromFastify(error: FrameworkError): HttpEdgeException | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpEdgeException(Code.PayloadTooLarge, 'The request body is larger than this endpoint accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpEdgeException(Code.UnsupportedMediaType, SEND_A_PARSED_TYPE);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpEdgeException(Code.MalformedBody, 'The request body is not valid JSON.');
    case 'FST_ERR_BAD_URL':
      return new HttpEdgeException(Code.MalformedUrl, 'The URL is not valid (bad percent-encoding).');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new HttpEdgeException(Code.UrlTooLong, 'A part of the URL is longer than this server accepts.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpEdgeException(Code.MalformedBody, 'Content-Length does not match the body.');
    default:
      if (error.statusCode === 429)
        return new HttpEdgeException(Code.RateLimited, 'Too many requests: try again later.');
      if (error.statusCode === 400 && error.name === 'SyntaxError')
        return new HttpEdgeException(Code.MalformedBody, 'The request body could not be parsed.');
      return undefined;
  }
}

/** Nest's own exceptions: unmatched routes (404) and the rare built-in 4xx. */
function fromNest(error: HttpException): HttpEdgeException | undefined {
  const status = error.getStatus();
  // The adapter's body parsers report unparsable bodies as a plain 400 HttpException.
  if (status === 400 && /json|parse|body/i.test(error.message))
    return new HttpEdgeException(Code.MalformedBody, 'The request body could not be parsed.');
  if (status === 404) return new HttpEdgeException(Code.NotFound, error.message);
  if (status === 405) return new HttpEdgeException(Code.MethodNotAllowed, error.message);
  if (status === 413) return new HttpEdgeException(Code.PayloadTooLarge, 'The request body is too large.');
  if (status === 415) return new HttpEdgeException(Code.UnsupportedMediaType, SEND_A_PARSED_TYPE);
  if (status === 429) return new HttpEdgeException(Code.RateLimited, 'Too many requests: try again later.');
  return undefined;
}

export function fromFrameworkError(error: unknown): HttpEdgeException | undefined {
  if (error instanceof HttpException) return fromNest(error);
  if (typeof error === 'object' && error !== null) return fromFastify(error);
  return undefined;
}
