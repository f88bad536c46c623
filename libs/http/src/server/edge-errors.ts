import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from '../api-error';
import { HttpEdgeException, HttpEdgeExceptionCode } from '../errors/http-edge.exception';
import { errorBody } from '../errors/http-exception.filter';
import { fromFrameworkError } from '../errors/from-framework-error';
import { httpStatusOf } from '../errors/http-status';

/**
 * Fastify's `frameworkErrors`: failures before any route matched (bad percent-encoding, an over-long
 * path parameter), which neither hooks nor Nest's filter see, answered in our shape.
 */
export function answerFrameworkError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
  const known =
    fromFrameworkError(error) ?? new HttpEdgeException(HttpEdgeExceptionCode.MalformedUrl, 'The URL is not valid.');
  void reply
    .status(httpStatusOf(known.kind))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(errorBody(known));
}

interface ClientError extends Error {
  readonly code?: string;
}

function clientErrorAnswer(code: string): { status: number; body: ApiErrorBody } {
  const answer = (status: number, errorCode: string, message: string) => ({
    status,
    body: { error: { code: errorCode, message } },
  });
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return answer(431, 'headers_too_large', 'The request headers are larger than this server accepts.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return answer(408, 'request_timeout', 'The request took too long to arrive.');
    default:
      return answer(400, 'malformed_request', 'The request is not valid HTTP (for example, a wrong Content-Length).');
  }
}

/**
 * The server's `clientError` handler: Node answers HTTP it cannot parse (a Content-Length that does not
 * match the body, broken headers) on the raw socket, outside Fastify. Same body shape as every error.
 */
export function answerClientError(error: ClientError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, body } = clientErrorAnswer(error.code ?? '');
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(json)}\r\n` +
      'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
      json,
  );
}
