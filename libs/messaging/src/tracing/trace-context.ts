import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context, Link, SpanContext } from '@opentelemetry/api';
import type { IncomingRecord, OutgoingRecord } from '../transport';

/**
 * W3C trace context (`traceparent`, `tracestate`) rides in Kafka headers, so one trace runs from the
 * web form's POST through every consumer the message reaches. Everything here goes through
 * @opentelemetry/api, which is a no-op until the process loaded the SDK (the `--import` register
 * module, when OTEL_* settings ask for export): without it no header is added and no span is made.
 */
const tracer = () => trace.getTracer('@switchboard/messaging');

/** The headers with the active trace context added; headers that already carry one keep theirs. */
export function withTraceContext(
  headers: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  if (headers?.['traceparent']) return headers;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length === 0 ? headers : { ...headers, ...carrier };
}

/** A record about to be published, carrying the active trace context. */
export function tracedRecord(record: OutgoingRecord): OutgoingRecord {
  const headers = withTraceContext(record.headers);
  return headers === record.headers ? record : { ...record, ...(headers ? { headers } : {}) };
}

/**
 * Where a batch's span hangs: under the one trace its records share (a batch of one record, or of
 * one conversation's burst), or, when they come from several traces, a new trace linked to each
 * (OpenTelemetry's messaging conventions for batch processing).
 */
function parentOf(records: readonly IncomingRecord[]): { parent: Context; links: Link[] } {
  const extracted = records.map((record) => propagation.extract(ROOT_CONTEXT, record.headers));
  const spans = extracted
    .map((ctx) => trace.getSpanContext(ctx))
    .filter((span): span is SpanContext => span !== undefined && trace.isSpanContextValid(span));
  const traces = new Set(spans.map((span) => span.traceId));
  const first = extracted.find((ctx) => trace.getSpanContext(ctx) !== undefined);
  if (traces.size === 1 && first) return { parent: first, links: [] };
  return { parent: ROOT_CONTEXT, links: spans.map((span) => ({ context: span })) };
}

/** Runs one batch attempt in a CONSUMER span; what it publishes or writes to the outbox carries that span. */
export async function inConsumerSpan<T>(
  topic: string,
  groupId: string,
  records: readonly IncomingRecord[],
  handle: () => Promise<T>,
): Promise<T> {
  const { parent, links } = parentOf(records);
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': topic,
    'messaging.consumer.group.name': groupId,
    'messaging.batch.message_count': records.length,
  };
  return tracer().startActiveSpan(
    `process ${topic}`,
    { kind: SpanKind.CONSUMER, links, attributes },
    parent,
    async (span) => {
      try {
        return await handle();
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
