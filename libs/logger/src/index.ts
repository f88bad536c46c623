import { trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Errors are logged by name, message, code and stack only: a driver error carries the statement's
 * parameters (customer names, message bodies), which must never reach the logs.
 */
export function safeError(value: unknown): Record<string, unknown> {
  if (!(value instanceof Error)) return { message: String(value) };
  const { code, detail } = value as Error & { code?: unknown; detail?: unknown };
  return {
    type: value.name,
    message: value.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof detail === 'string' ? { detail } : {}),
    stack: value.stack,
  };
}

/**
 * The active trace and span on every line (`traceId`, `spanId`), so a trace found in the tracing
 * backend leads to its logs; nothing while tracing is off (no SDK loaded, so no span is active).
 */
export function traceFields(): Record<string, string> {
  const span = trace.getActiveSpan()?.spanContext();
  return span && trace.isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
}

const root = pino({
  mixin: traceFields,
  level: process.env['LOG_LEVEL'] ?? 'info',
  base: { service: process.env['SWITCHBOARD_SERVICE'] ?? 'switchboard' },
  timestamp: pino.stdTimeFunctions.isoTime,
  serializers: { err: safeError, error: safeError },
});

/** One logger per class or module, with its name as context. Log ids, never bodies or secrets. */
export function createLogger(context: string): Logger {
  return root.child({ context });
}
