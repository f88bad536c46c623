import { join } from 'node:path';
import { createTestDatabase, distributedEnv, type TestDatabase } from '@switchboard/testing';
import { eventually, postJson } from '../support/http-client';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { freePort, repoRoot, ServiceProcess } from '../support/service-process';
import { findAssigned, submission } from '../support/ticket-slice.scenario';
import {
  metricNamesUsedByDashboards,
  metricNamesUsedByAlerts,
  exposedMetricNames,
} from './support/observability-files';

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CONSUMER = 5;
/** Loading the SDK and its loader hook slows a service's start; a machine shared with other runs more so. */
const START_TIMEOUT_MS = 150_000;

/**
 * The distributed pipeline with tracing on, as a platform team runs it: each service loaded with the
 * register module (`--import`) and the standard OTEL_* settings pointing at a collector of ours on
 * loopback. One web-form submission must come back as one trace holding channel-web's request,
 * ticket-service's ingest and routing-service's assignment, joined through the Kafka headers.
 * The same stack then serves the /metrics that the Grafana dashboard and the alert rules must name.
 */
describe('distributed tracing across Kafka, and the metrics the dashboards read', () => {
  let database: TestDatabase;
  const receiver = new OtlpReceiver();
  const services: ServiceProcess[] = [];
  let webBase = '';
  let apiBase = '';

  beforeAll(async () => {
    database = await createTestDatabase('e2e_traces');
    const collector = await receiver.start();
    const [webPort, apiPort] = [await freePort(), await freePort()];
    const env = {
      ...distributedEnv('e2e-traces', database.url),
      AGENT_API_PORT: String(apiPort),
      NODE_OPTIONS: `--import=${join(repoRoot, 'dist/libs/observability/src/tracing/register.js')}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    const ticketService = new ServiceProcess('ticket-service', 'apps/ticket-service/src/main.ts', {
      ...env,
      SEED_DEMO: 'true',
    });
    services.push(ticketService);
    await ticketService.waitFor(/ticket-service ready/, START_TIMEOUT_MS);
    services.push(
      new ServiceProcess('routing-service', 'apps/routing-service/src/main.ts', env),
      new ServiceProcess('channel-web', 'apps/channel-web/src/main.ts', { ...env, PORT: String(webPort) }),
      new ServiceProcess('agent-api', 'apps/agent-api/src/main.ts', env),
    );
    await Promise.all(services.slice(1).map((s) => s.waitFor(new RegExp(`${s.name} ready`), START_TIMEOUT_MS)));
    webBase = `http://127.0.0.1:${webPort}`;
    apiBase = `http://127.0.0.1:${apiPort}`;
  }, 4 * START_TIMEOUT_MS);

  afterAll(async () => {
    const codes = await Promise.all(services.map((s) => s.stop()));
    await receiver.stop();
    await database?.drop();
    expect(codes.every((code) => code === 0)).toBe(true);
  }, 60_000);

  it('follows one submission in one trace from channel-web through ticket-service to routing-service', async () => {
    const { status, body } = await postJson<{ ticketNumber: string }>(
      `${webBase}/api/v1/tenants/demo/submissions`,
      submission(),
    );
    expect(status).toBe(201);
    await findAssigned({ webBase, apiBase, countTickets: async () => 0 }, body.ticketNumber);

    const post = await eventually(
      async () =>
        receiver.spans.find(
          (s) => s.service === 'channel-web' && s.kind === SPAN_KIND_SERVER && s.name.startsWith('POST'),
        ),
      30_000,
      "channel-web's span of the POST",
    );
    const trace = await eventually(
      async () => {
        const spans = receiver.trace(post.traceId);
        const routed = spans.some((s) => s.service === 'routing-service' && s.kind === SPAN_KIND_CONSUMER);
        return routed ? spans : undefined;
      },
      30_000,
      "routing-service's span in the submission's trace",
    );
    const services = new Set(trace.map((s) => s.service));
    expect([...services].sort()).toEqual(expect.arrayContaining(['channel-web', 'routing-service', 'ticket-service']));

    const consumer = (service: string, topic: string): ReceivedSpan | undefined =>
      trace.find((s) => s.service === service && s.kind === SPAN_KIND_CONSUMER && s.name === `process ${topic}`);
    const ingest = consumer('ticket-service', 'inbound.messages.v1');
    const routing = consumer('routing-service', 'ticket.events.v1');
    expect(ingest).toBeDefined();
    expect(routing).toBeDefined();
    // Each hop is a child of the one before it, not merely in the same trace.
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    expect(byId.get(ingest?.parentSpanId ?? '')?.service).toBe('channel-web');
    expect(byId.get(routing?.parentSpanId ?? '')?.service).toBe('ticket-service');
    // Postgres and Redis calls made for this message are in the trace (pg and ioredis instrumentation).
    expect(trace.some((s) => s.service === 'ticket-service' && s.kind === 3 && /INSERT|pg/i.test(s.name))).toBe(true);
    expect(
      trace.some((s) => s.service === 'routing-service' && s.kind === 3 && /^(evalsha|eval|evalsha_ro)/i.test(s.name)),
    ).toBe(true);
    // The trace id is on the services' log lines.
    expect(services.size).toBeGreaterThanOrEqual(3);
    const web = servicesNamed('channel-web');
    expect(web.log).toContain(`"traceId":"${post.traceId}"`);
  });

  it('exposes every metric the Grafana dashboard and the Prometheus alert rules name', async () => {
    const exposed = new Set<string>();
    for (const service of services) {
      const text = await (await fetch(`${service.url}/metrics`)).text();
      for (const name of exposedMetricNames(text)) exposed.add(name);
    }
    const used = [...metricNamesUsedByDashboards(), ...metricNamesUsedByAlerts()];
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !exposed.has(name))).toEqual([]);
  });

  function servicesNamed(name: string): ServiceProcess {
    const found = services.find((s) => s.name === name);
    if (!found) throw new Error(`no ${name}`);
    return found;
  }
});
