import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

const root = pino({
  level: process.env['LOG_LEVEL'] ?? 'info',
  base: { service: process.env['SWITCHBOARD_SERVICE'] ?? 'switchboard' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

/** One logger per class or module, with its name as context. Log ids, never bodies or secrets. */
export function createLogger(context: string): Logger {
  return root.child({ context });
}
