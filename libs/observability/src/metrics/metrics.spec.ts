import { Metrics } from './metrics';

/** The sample lines of one metric in the text exposition, without HELP/TYPE. */
async function samples(metrics: Metrics, name: string): Promise<string[]> {
  const text = await metrics.expose();
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

describe('Metrics', () => {
  let metrics: Metrics;
  beforeEach(() => {
    metrics = new Metrics({ service: 'ticket-service', defaultMetrics: false });
  });

  it('counts ingested messages per channel and outcome, with the service label', async () => {
    metrics.messagesIngested('email', 'created', 3);
    metrics.messagesIngested('email', 'created', 2);
    metrics.messagesIngested('web', 'duplicate', 1);
    expect(await samples(metrics, 'messages_ingested_total')).toEqual([
      'messages_ingested_total{channel="email",outcome="created",service="ticket-service"} 5',
      'messages_ingested_total{channel="web",outcome="duplicate",service="ticket-service"} 1',
    ]);
  });

  it('counts routing decisions and keeps the last queue length per tenant and team', async () => {
    metrics.routingDecisions('assigned', 4);
    metrics.routingDecisions('queued', 1);
    metrics.queueLength('t1', 'billing', 7);
    metrics.queueLength('t1', 'billing', 2);
    metrics.queueLength(undefined, 'support', 1);
    expect(await samples(metrics, 'routing_decisions_total')).toEqual([
      'routing_decisions_total{outcome="assigned",service="ticket-service"} 4',
      'routing_decisions_total{outcome="queued",service="ticket-service"} 1',
    ]);
    expect(await samples(metrics, 'routing_queue_length')).toEqual([
      'routing_queue_length{tenant="t1",team="billing",service="ticket-service"} 2',
      'routing_queue_length{tenant="",team="support",service="ticket-service"} 1',
    ]);
  });

  it('records consumer batches, lag and dead letters as the messaging observer', async () => {
    metrics.batchHandled('inbound.messages.v1', 'ticket-service', 500, 250, 'ok');
    metrics.consumerLag('inbound.messages.v1', 'ticket-service', 2, 1200);
    metrics.deadLettered('inbound.messages.v1', 3);
    expect(await samples(metrics, 'consumer_batch_size_sum')).toEqual([
      'consumer_batch_size_sum{service="ticket-service",topic="inbound.messages.v1",group="ticket-service",outcome="ok"} 500',
    ]);
    expect(await samples(metrics, 'consumer_batch_handling_seconds_sum')).toEqual([
      'consumer_batch_handling_seconds_sum{service="ticket-service",topic="inbound.messages.v1",group="ticket-service",outcome="ok"} 0.25',
    ]);
    expect(await samples(metrics, 'consumer_lag')).toEqual([
      'consumer_lag{topic="inbound.messages.v1",group="ticket-service",partition="2",service="ticket-service"} 1200',
    ]);
    expect(await samples(metrics, 'dlq_writes_total')).toEqual([
      'dlq_writes_total{topic="inbound.messages.v1",service="ticket-service"} 3',
    ]);
  });

  it('reads the outbox backlog once per scrape, at scrape time', async () => {
    let reads = 0;
    metrics.registerOutboxBacklog(async () => ({ rows: 40 + reads++, oldestAgeSeconds: 12.5 }));
    expect(await samples(metrics, 'outbox_backlog_rows')).toEqual(['outbox_backlog_rows{service="ticket-service"} 40']);
    expect(await samples(metrics, 'outbox_oldest_age_seconds')).toEqual([
      'outbox_oldest_age_seconds{service="ticket-service"} 12.5',
    ]);
    expect(reads).toBe(2);
  });

  it('keeps the last outbox values when the source fails or hangs, without failing the scrape', async () => {
    const quick = new Metrics({ defaultMetrics: false, collectTimeoutMs: 50 });
    quick.outboxBacklog(5, 1);
    quick.registerOutboxBacklog(() => Promise.reject(new Error('connection refused')));
    expect(await samples(quick, 'outbox_backlog_rows')).toEqual(['outbox_backlog_rows 5']);
    quick.registerOutboxBacklog(() => new Promise(() => undefined));
    expect(await samples(quick, 'outbox_oldest_age_seconds')).toEqual(['outbox_oldest_age_seconds 1']);
  });

  it('keeps two instances apart and adds the Node defaults when asked', async () => {
    const withDefaults = new Metrics({ service: 'agent-api' });
    withDefaults.messagesIngested('web', 'created', 1);
    const text = await withDefaults.expose();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(await samples(metrics, 'messages_ingested_total')).toEqual([]);
    expect(withDefaults.contentType).toContain('text/plain');
  });
});
