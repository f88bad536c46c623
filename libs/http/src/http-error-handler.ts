import type { FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from '@switchboard/logger';
import { HttpError } from './api-error';
import { drainRequestBody } from './errors/drain-request-body';

/** Fastify's own failures (body parsing, limits) mapped to our error shape and codes. */
function fromFastify(error: FastifyError): HttpError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'payload_too_large', 'The request body is larger than this endpoint accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(
        415,
        'unsupported_media_type',
        'Send application/json or application/x-www-form-urlencoded.',
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, 'malformed_body', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(400, 'malformed_body', 'Content-Length does not match the body.');
    default:
      if (error.statusCode === 400 && error.name === 'SyntaxError') {
        return new HttpError(400, 'malformed_body', 'The request body could not be parsed.');
      }
      return undefined;
  }
}

/** Every route answers errors as `{ error: { code, message, fields? } }`; 5xx never leak internals. */
export function installHttpErrorHandler(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const known = error instanceof HttpError ? error : fromFastify(error);
    if (known) {
      if (known.status === 413 || known.status === 415) await drainRequestBody(request.raw);
      return reply.status(known.status).send(known.toBody());
    }
    log.error({ err: error, method: request.method, url: request.routeOptions.url }, 'unhandled request error');
    return reply.status(500).send(new HttpError(500, 'internal_error', 'Something went wrong on our side.').toBody());
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(new HttpError(404, 'not_found', `No route ${request.method} ${request.url}`).toBody()),
  );
}
