import pg from 'pg';
import { createTestDatabase, distributedEnv, type TestDatabase } from '@switchboard/testing';
import { freePort, ServiceProcess } from './support/service-process';
import { describeTicketSlice, type RunningStack } from './support/ticket-slice.scenario';

/**
 * The distributed mode for real: four OS processes (channel-web, ticket-service, routing-service,
 * agent-api) over the Kafka broker started by infra/kafka/start, Postgres and Redis.
 */
describe('distributed slice: web form → Kafka → ticket-service → routing-service → agent-api', () => {
  let database: TestDatabase;
  let sql: pg.Pool;
  const services: ServiceProcess[] = [];
  let stack: RunningStack;

  beforeAll(async () => {
    database = await createTestDatabase('e2e_dist');
    sql = new pg.Pool({ connectionString: database.url, max: 2 });
    const [webPort, apiPort] = [await freePort(), await freePort()];
    // Every service listens (health, metrics); those without a chosen port take a free one.
    const env = { ...distributedEnv('e2e', database.url), AGENT_API_PORT: String(apiPort) };
    const ticketService = new ServiceProcess('ticket-service', 'apps/ticket-service/src/main.ts', {
      ...env,
      SEED_DEMO: 'true',
    });
    services.push(ticketService);
    await ticketService.waitFor(/ticket-service ready/);
    services.push(
      new ServiceProcess('routing-service', 'apps/routing-service/src/main.ts', env),
      new ServiceProcess('channel-web', 'apps/channel-web/src/main.ts', { ...env, PORT: String(webPort) }),
      new ServiceProcess('agent-api', 'apps/agent-api/src/main.ts', env),
    );
    await Promise.all(services.slice(1).map((s) => s.waitFor(new RegExp(`${s.name} ready`))));
    stack = {
      webBase: `http://127.0.0.1:${webPort}`,
      apiBase: `http://127.0.0.1:${apiPort}`,
      countTickets: async () =>
        Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM tickets')).rows[0]?.n ?? 0),
    };
  }, 180_000);

  afterAll(async () => {
    const codes = await Promise.all(services.map((s) => s.stop()));
    await sql?.end();
    await database?.drop();
    expect(codes.every((code) => code === 0)).toBe(true);
  }, 60_000);

  describeTicketSlice(() => stack);

  it('answers /health/ready and /metrics on every service, naming what each depends on', async () => {
    const dependsOn: Record<string, string[]> = {
      'ticket-service': ['database', 'messaging', 'coordination'],
      'routing-service': ['database', 'messaging', 'coordination'],
      'channel-web': ['messaging'],
      'agent-api': ['database', 'messaging', 'coordination'],
    };
    for (const service of services) {
      const ready = await fetch(`${service.url}/health/ready`);
      expect({ service: service.name, status: ready.status }).toEqual({ service: service.name, status: 200 });
      const body = (await ready.json()) as { details: Record<string, { status: string }> };
      expect(Object.keys(body.details).sort()).toEqual([...(dependsOn[service.name] ?? [])].sort());
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toContain(`process_cpu_seconds_total{service="${service.name}"}`);
    }
    const ticketMetrics = await (await fetch(`${services[0]?.url ?? ''}/metrics`)).text();
    expect(ticketMetrics).toMatch(/messages_ingested_total\{[^}]*outcome="created"[^}]*\} [1-9]/);
    const routingMetrics = await (await fetch(`${services[1]?.url ?? ''}/metrics`)).text();
    expect(routingMetrics).toMatch(/routing_decisions_total\{[^}]*outcome="assigned"[^}]*\} [1-9]/);
    const webMetrics = await (await fetch(`${stack.webBase}/metrics`)).text();
    expect(webMetrics).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/tenants\/:tenant\/submissions"/,
    );
  });

  it('documents the agent API and the web channel at /api/v1/openapi.json, with Swagger UI at /docs', async () => {
    for (const base of [stack.apiBase, stack.webBase]) {
      const document = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { paths: object };
      expect(Object.keys(document.paths).length).toBeGreaterThan(0);
      expect((await fetch(`${base}/docs`)).status).toBe(200);
    }
  });

  it('keeps every service in its own process and lets the ticket service own the ticket data', async () => {
    const rows = await sql.query<{ type: string }>(`SELECT DISTINCT type FROM ticket_events ORDER BY type`);
    expect(rows.rows.map((r) => r.type)).toEqual(expect.arrayContaining(['assigned', 'created']));
    const outbox = await sql.query<{ n: string }>('SELECT count(*) AS n FROM outbox');
    expect(Number(outbox.rows[0]?.n)).toBeLessThan(5);
  });
});
