import type { DestinationStream } from 'pino';

export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');

export interface ObservabilityOptions {
  /** The `service` of every log line and metric series (ticket-service, agent-api, ...). */
  readonly service: string;
  /** Log level; default LOG_LEVEL, else info (as libs/logger). */
  readonly logLevel?: string;
  /** Where logs go; default stdout. Tests pass a stream to read the lines. */
  readonly logDestination?: DestinationStream;
  /** How long one readiness probe may take before it counts as failed (default 2000 ms). */
  readonly readinessTimeoutMs?: number;
}
