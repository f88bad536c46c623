import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { IncomingRecord } from '../transport';
import { inConsumerSpan, tracedRecord, withTraceContext } from './trace-context';

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
});
afterEach(() => exporter.reset());
afterAll(async () => provider.shutdown());

const tracer = () => trace.getTracer('spec');

/** A record as a consumer receives it, carrying whatever context was active when it was published. */
function publishedIn(): IncomingRecord {
  const headers = withTraceContext({ origin: 'web' }) ?? {};
  return { topic: 't', partition: 0, offset: 0n, key: 'k', value: new Uint8Array(), headers, timestamp: 0 };
}

describe('trace context in Kafka headers', () => {
  it('adds the active span as traceparent, and keeps a traceparent already there', () => {
    tracer().startActiveSpan('post', (span) => {
      const record = tracedRecord({ key: 'k', value: new Uint8Array(), headers: { a: '1' } });
      expect(record.headers?.['traceparent']).toContain(span.spanContext().traceId);
      expect(record.headers?.['a']).toBe('1');
      const kept = tracedRecord({ key: 'k', value: new Uint8Array(), headers: { traceparent: 'given' } });
      expect(kept.headers?.['traceparent']).toBe('given');
      span.end();
    });
  });

  it('adds nothing outside a span', () => {
    expect(withTraceContext({ a: '1' })).toEqual({ a: '1' });
    expect(withTraceContext(undefined)).toBeUndefined();
  });

  it("runs a batch of one trace's records as a child span of it, active while the handler publishes", async () => {
    const { record, parent } = tracer().startActiveSpan('post', (span) => {
      span.end();
      return { record: publishedIn(), parent: span.spanContext() };
    });
    const published = await inConsumerSpan('inbound.messages.v1', 'ticket-service', [record, record], async () =>
      tracedRecord({ key: 'k', value: new Uint8Array() }),
    );
    const [consumer] = exporter.getFinishedSpans().filter((s) => s.name === 'process inbound.messages.v1');
    expect(consumer?.spanContext().traceId).toBe(parent.traceId);
    expect(consumer?.parentSpanContext?.spanId).toBe(parent.spanId);
    expect(consumer?.attributes['messaging.consumer.group.name']).toBe('ticket-service');
    expect(published.headers?.['traceparent']).toContain(consumer?.spanContext().spanId);
  });

  it('starts a new trace linked to each when the records come from several traces', async () => {
    const records = ['a', 'b'].map((name) =>
      tracer().startActiveSpan(name, (span) => {
        span.end();
        return publishedIn();
      }),
    );
    await inConsumerSpan('ticket.events.v1', 'routing-service', records, async () => undefined);
    const sent = exporter.getFinishedSpans().filter((s) => s.name === 'a' || s.name === 'b');
    const [consumer] = exporter.getFinishedSpans().filter((s) => s.name === 'process ticket.events.v1');
    expect(consumer?.parentSpanContext).toBeUndefined();
    expect(sent.map((s) => s.spanContext().traceId)).not.toContain(consumer?.spanContext().traceId);
    expect(consumer?.links.map((l) => l.context.spanId).sort()).toEqual(sent.map((s) => s.spanContext().spanId).sort());
  });

  it('marks a failed attempt and hands the error on', async () => {
    await expect(
      inConsumerSpan('t', 'g', [publishedIn()], async () => Promise.reject(new Error('database down'))),
    ).rejects.toThrow('database down');
    const [consumer] = exporter.getFinishedSpans();
    expect(consumer?.status.code).toBe(SpanStatusCode.ERROR);
  });
});
