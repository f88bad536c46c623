import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { createLogger, type Logger } from '@switchboard/logger';
import type { MessagingObserver } from '@switchboard/messaging';
import { withTimeout } from '../with-timeout';

export type IngestOutcome = 'created' | 'appended' | 'duplicate' | 'rejected';
export type RoutingOutcome = 'assigned' | 'queued';
export type BatchOutcome = Parameters<MessagingObserver['batchHandled']>[4];

/** What the outbox backlog source reports on each scrape. */
export interface OutboxBacklog {
  readonly rows: number;
  readonly oldestAgeSeconds: number;
}

export interface MetricsOptions {
  /** Added as a `service` label to every series. */
  readonly service?: string;
  /** Node's default metrics (CPU, memory, event loop, GC); on unless a unit test turns them off. */
  readonly defaultMetrics?: boolean;
  /** How long a scrape waits for the outbox backlog source before keeping the last values. */
  readonly collectTimeoutMs?: number;
}

const BATCH_SIZE_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000];
const BATCH_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The process's Prometheus metrics in a registry of its own (never prom-client's global one, so two
 * instances in one process, as in tests, do not collide). A plain class: feature code reaches it
 * through a port, and the messaging layer through MessagingObserver, which this class implements.
 */
export class Metrics implements MessagingObserver {
  readonly registry = new Registry();
  private readonly log: Logger = createLogger('Metrics');
  private readonly collectTimeoutMs: number;
  private outboxSource: (() => Promise<OutboxBacklog>) | undefined;
  private outboxSample: Promise<void> | undefined;

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly batchSize = new Histogram({
    name: 'consumer_batch_size',
    help: 'Records per consumer batch by topic, group and outcome',
    labelNames: ['topic', 'group', 'outcome'] as const,
    buckets: BATCH_SIZE_BUCKETS,
    registers: [this.registry],
  });
  private readonly batchSeconds = new Histogram({
    name: 'consumer_batch_handling_seconds',
    help: 'Time a consumer batch took to handle by topic, group and outcome',
    labelNames: ['topic', 'group', 'outcome'] as const,
    buckets: BATCH_SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly lag = new Gauge({
    name: 'consumer_lag',
    help: 'Records between the committed offset and the end of the partition',
    labelNames: ['topic', 'group', 'partition'] as const,
    registers: [this.registry],
  });
  private readonly dlqWrites = new Counter({
    name: 'dlq_writes_total',
    help: 'Records written to a dead-letter topic, by origin topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });
  private readonly ingested = new Counter({
    name: 'messages_ingested_total',
    help: 'Inbound messages by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly routing = new Counter({
    name: 'routing_decisions_total',
    help: 'Routing decisions by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  private readonly queue = new Gauge({
    name: 'routing_queue_length',
    help: 'Tickets waiting in a team queue',
    labelNames: ['tenant', 'team'] as const,
    registers: [this.registry],
  });
  private readonly outboxRows = new Gauge({
    name: 'outbox_backlog_rows',
    help: 'Outbox rows not yet published',
    registers: [this.registry],
    collect: () => this.sampleOutbox(),
  });
  private readonly outboxAge = new Gauge({
    name: 'outbox_oldest_age_seconds',
    help: 'Age of the oldest unpublished outbox row',
    registers: [this.registry],
    collect: () => this.sampleOutbox(),
  });

  constructor(options: MetricsOptions = {}) {
    this.collectTimeoutMs = options.collectTimeoutMs ?? 2_000;
    if (options.service) this.registry.setDefaultLabels({ service: options.service });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition format of every metric, as `GET /metrics` serves it. */
  expose(): Promise<string> {
    return this.registry.metrics();
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  batchHandled(topic: string, groupId: string, size: number, durationMs: number, outcome: BatchOutcome): void {
    const labels = { topic, group: groupId, outcome };
    this.batchSize.observe(labels, size);
    this.batchSeconds.observe(labels, durationMs / 1000);
  }

  deadLettered(topic: string, count: number): void {
    this.dlqWrites.inc({ topic }, count);
  }

  consumerLag(topic: string, groupId: string, partition: number, lag: number): void {
    this.lag.set({ topic, group: groupId, partition: String(partition) }, lag);
  }

  messagesIngested(channel: string, outcome: IngestOutcome, count: number): void {
    this.ingested.inc({ channel, outcome }, count);
  }

  routingDecisions(outcome: RoutingOutcome, count: number): void {
    this.routing.inc({ outcome }, count);
  }

  queueLength(tenant: string | undefined, team: string, n: number): void {
    this.queue.set({ tenant: tenant ?? '', team }, n);
  }

  outboxBacklog(rows: number, oldestAgeSeconds: number): void {
    this.outboxRows.set(rows);
    this.outboxAge.set(oldestAgeSeconds);
  }

  /** Reads the backlog on every scrape (one read for both gauges); replaces an earlier source. */
  registerOutboxBacklog(source: () => Promise<OutboxBacklog>): void {
    this.outboxSource = source;
  }

  /** Both outbox gauges collect in the same scrape: they share one in-flight read of the source. */
  private sampleOutbox(): Promise<void> | undefined {
    const source = this.outboxSource;
    if (!source) return undefined;
    this.outboxSample ??= withTimeout(source(), this.collectTimeoutMs, 'outbox backlog')
      .then(({ rows, oldestAgeSeconds }) => this.outboxBacklog(rows, oldestAgeSeconds))
      .catch((error: unknown) => this.log.warn({ err: error }, 'outbox backlog not read; keeping the last values'))
      .finally(() => (this.outboxSample = undefined));
    return this.outboxSample;
  }
}
