import { randomUUID } from 'node:crypto';
import { Controller, Get, Logger, Module, Param } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { RedisCapacityStore } from '@switchboard/coordination';
import { MESSAGING_OBSERVER, type MessagingObserver } from '@switchboard/messaging';
import { capacityStoreProbe, ObservabilityModule, provideReadinessProbe, useObservabilityLogger } from './index';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const STORE = Symbol('STORE');
const SEARCH = Symbol('SEARCH');

/** A dependency the test can break and mend. */
class Search {
  state: 'up' | 'down' | 'hung' = 'down';
  async ping(): Promise<void> {
    if (this.state === 'hung') return new Promise(() => undefined);
    if (this.state === 'down') throw new Error('search index unreachable');
  }
}

@Controller('things')
class ThingsController {
  private readonly log = new Logger('ThingsController');

  @Get(':id')
  find(@Param('id') id: string): { id: string } {
    this.log.log({ thing: id }, 'thing read');
    return { id };
  }
}

const lines: Record<string, unknown>[] = [];
const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };

describe('ObservabilityModule', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  /** Real HTTP: Fastify's inject (light-my-request) needs require(esm), which Jest lacks before Node 24.9. */
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, { headers });
    const body = await res.text();
    return { statusCode: res.status, headers: res.headers, body, json: () => JSON.parse(body) as unknown };
  };
  const store = new RedisCapacityStore(REDIS_URL, `sbtest-${randomUUID()}`);
  const search = new Search();

  @Module({
    controllers: [ThingsController],
    providers: [
      { provide: STORE, useValue: store },
      { provide: SEARCH, useValue: search },
      provideReadinessProbe(STORE, (s: RedisCapacityStore) => capacityStoreProbe(s, 'redis')),
      provideReadinessProbe(SEARCH, (s: Search) => capacityStoreProbe(s, 'search')),
    ],
  })
  class FeatureModule {}

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({ service: 'obs-test', logDestination: destination, readinessTimeoutMs: 500 }),
        FeatureModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { bufferLogs: true });
    useObservabilityLogger(app);
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers liveness with 200 and no caching', async () => {
    const res = await get('/health/live');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('is not ready while a probe fails, names it, and is ready once it passes', async () => {
    search.state = 'down';
    const down = await get('/health/ready');
    expect(down.statusCode).toBe(503);
    expect(down.headers.get('cache-control')).toBe('no-store');
    expect(down.json()).toMatchObject({
      status: 'error',
      info: { redis: { status: 'up' } },
      error: { search: { status: 'down', message: 'search index unreachable' } },
    });

    search.state = 'up';
    const up = await get('/health/ready');
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ status: 'ok', info: { redis: { status: 'up' }, search: { status: 'up' } } });
  });

  it('answers 503 within the timeout when a probe hangs', async () => {
    search.state = 'hung';
    const started = Date.now();
    const res = await get('/health/ready');
    search.state = 'up';
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: { search: { status: 'down', message: 'timeout of 500ms exceeded' } } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('serves Node defaults and request durations labelled by route pattern at /metrics', async () => {
    await get(`/things/${randomUUID()}`);
    await get('/nowhere');
    app.get<MessagingObserver>(MESSAGING_OBSERVER).batchHandled('inbound.messages.v1', 'ticket-service', 20, 40, 'ok');
    const res = await get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toContain('process_cpu_user_seconds_total');
    expect(res.body).toMatch(
      /^http_request_duration_seconds_count\{service="obs-test",method="GET",route="\/things\/:id",status="200"\} 1$/m,
    );
    expect(res.body).toMatch(/route="unmatched",status="404"/);
    expect(res.body).toContain(
      'consumer_batch_size_sum{service="obs-test",topic="inbound.messages.v1",group="ticket-service",outcome="ok"} 20',
    );
    expect(res.body).not.toMatch(/route="\/things\/[0-9a-f-]{36}"/);
  });

  it('echoes a well-formed x-request-id, replaces a malformed one, and logs it on every request line', async () => {
    const given = await get('/things/a', { 'x-request-id': 'lb-1234.abc' });
    expect(given.headers.get('x-request-id')).toBe('lb-1234.abc');

    const malformed = await get('/things/b', { 'x-request-id': 'has space' });
    const generated = malformed.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    const ofRequest = (id: unknown) => lines.filter((line) => line['requestId'] === id);
    expect(ofRequest('lb-1234.abc').map((l) => l['msg'])).toEqual(['thing read', 'request completed']);
    expect(ofRequest(generated)).toHaveLength(2);
    for (const line of ofRequest('lb-1234.abc')) {
      expect(line).toMatchObject({ service: 'obs-test', level: 30, req: { method: 'GET', path: '/things/a' } });
    }
    expect(ofRequest('lb-1234.abc')[0]).toMatchObject({ context: 'ThingsController', thing: 'a' });
  });

  it('gives unmatched requests an id too, and keeps probes and scrapes out of the request log', async () => {
    const missing = await get('/nowhere/else');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const completed = lines.filter((line) => line['msg'] === 'request completed');
    expect(completed.map((line) => (line['req'] as { path: string }).path)).toContain('/nowhere/else');
    expect(completed.filter((line) => /^\/(health|metrics)/.test((line['req'] as { path: string }).path))).toEqual([]);
  });
});

describe('ObservabilityModule booted by NestFactory.create, as the apps do', () => {
  @Module({ imports: [ObservabilityModule.forRoot({ service: 'obs-factory' })], controllers: [ThingsController] })
  class AppModule {}

  it('records request durations and echoes request ids', async () => {
    const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false });
    try {
      await app.listen(0, '127.0.0.1');
      const url = await app.getUrl();
      const res = await fetch(`${url}/things/7`, { headers: { 'x-request-id': 'factory-1' } });
      expect(res.headers.get('x-request-id')).toBe('factory-1');
      const scrape = await (await fetch(`${url}/metrics`)).text();
      expect(scrape).toMatch(
        /^http_request_duration_seconds_count\{service="obs-factory",method="GET",route="\/things\/:id",status="200"\} 1$/m,
      );
    } finally {
      await app.close();
    }
  });
});
