import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException } from '@switchboard/errors';
import { createLogger } from '@switchboard/logger';
import type { ApiErrorBody } from '../api-error';
import { drainRequestBody } from './drain-request-body';
import { fromFrameworkError } from './from-framework-error';
import { httpStatusOf } from './http-status';

export function errorBody(exception: DomainException): ApiErrorBody {
  const { code, message, fields } = exception;
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}

const log = createLogger('HttpExceptionFilter');

/**
 * The HTTP transport's one exception filter: domain exceptions answer the status of their kind, the
 * framework's own failures (parsing, limits, unknown routes) our codes, anything else a 500 that
 * leaks nothing. A 413/415 drains the request body first, or the client sees a reset, not the answer.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const known: DomainException | undefined =
      error instanceof DomainException ? (error as DomainException) : fromFrameworkError(error);
    if (!known) {
      log.error({ err: error, method: request.method, url: request.routeOptions.url }, 'unhandled request error');
      await reply.status(500).send({
        error: { code: 'internal_error', message: 'Something went wrong on our side.' },
      } satisfies ApiErrorBody);
      return;
    }
    const status = httpStatusOf(known.kind);
    if (status === 413 || status === 415) await drainRequestBody(request.raw);
    await reply.status(status).send(errorBody(known));
  }
}
