import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger } from 'pino';
import type { Options } from 'pino-http';
import { safeError, traceFields } from '@switchboard/logger';
import type { ObservabilityOptions } from '../observability.options';
import { requestIdOf } from './request-id';

/** Probes and scrapes every few seconds would drown the request log; their failures still show. */
const QUIET_PATHS = /^\/(health\/(live|ready)|metrics)(\?|$)/;

/** The same JSON as libs/logger: `service` in the base, ISO `time`, numeric levels, safe errors. */
export function createRootLogger(options: ObservabilityOptions): Logger {
  const settings = {
    level: options.logLevel ?? process.env['LOG_LEVEL'] ?? 'info',
    mixin: traceFields,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: safeError, error: safeError },
  };
  return options.logDestination ? pino(settings, options.logDestination) : pino(settings);
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?', 1)[0] ?? '';
}

/**
 * pino-http for nestjs-pino: every line logged while a request is handled carries its `requestId`.
 * Requests are logged by method and path only: headers carry bearer tokens, query strings may carry
 * anything, bodies never reach the log.
 */
export function pinoHttpOptions(options: ObservabilityOptions): Options<IncomingMessage, ServerResponse> {
  return {
    logger: createRootLogger(options),
    customProps: (req, res) => ({ requestId: requestIdOf(req, res) }),
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: safeError,
    },
    // Nest's middleware runner strips the matched prefix from req.url; originalUrl keeps the path.
    autoLogging: {
      ignore: (req: IncomingMessage & { originalUrl?: string }) => QUIET_PATHS.test(req.originalUrl ?? req.url ?? ''),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
}
