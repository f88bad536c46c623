import { connect } from 'node:net';
import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { setupOpenApi } from '../openapi/setup-openapi';
import { ZodBody, ZodQuery } from '../validation/zod-input.decorators';
import { createHttpApp } from './create-http-app';
import { MAX_JSON_DEPTH } from './screen-input';
import { RateLimited, RouteLimits } from './route-limits';

const noteSchema = z.object({ title: z.string().min(3).max(10), tags: z.array(z.string()).max(2).optional() });
const pageSchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });

@Controller('notes')
class NotesController {
  @Post()
  @HttpCode(201)
  @RouteLimits({ bodyLimit: 64, mediaTypes: ['application/json'] })
  @ApiErrorResponses(400, 413, 415)
  create(@ZodBody(noteSchema) note: z.output<typeof noteSchema>): { title: string } {
    return { title: note.title };
  }

  @Get()
  list(@ZodQuery(pageSchema) page: z.output<typeof pageSchema>): { limit: number } {
    return { limit: page.limit };
  }

  @Get(':id')
  one(): { ok: true } {
    return { ok: true };
  }

  @Post('echo')
  @HttpCode(200)
  echo(@ZodBody(z.object({ data: z.unknown() })) body: { data?: unknown }): { received: boolean } {
    return { received: body.data !== undefined };
  }

  @Post('login')
  @RateLimited({ max: 2, timeWindowMs: 60_000, keyField: 'email' })
  login(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

interface ErrorAnswer {
  error: { code: string; message: string; fields?: { field: string; reason: string }[] };
}
interface OpenApiOperation {
  requestBody: { content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
  parameters: unknown[];
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

const errorOf = (res: { json(): unknown }): ErrorAnswer['error'] => (res.json() as ErrorAnswer).error;

describe('createHttpApp (Nest on Fastify with our edge)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createHttpApp(NotesModule, { nest: { logger: false } });
    setupOpenApi(app, { title: 'notes' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  const inject = (options: Parameters<NestFastifyApplication['inject']>[0]) => app.inject(options);

  it('validates the body with the zod schema and answers per-field reasons', async () => {
    const res = await inject({
      method: 'POST',
      url: '/notes',
      payload: { title: 'x', tags: ['a', 'b', 'c'], extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: 'The request has invalid fields.',
        fields: [
          expect.objectContaining({ field: 'title', reason: 'too_short' }),
          expect.objectContaining({ field: 'tags', reason: 'too_many' }),
        ],
      },
    });
    const missing = await inject({ method: 'POST', url: '/notes', payload: {} });
    expect(errorOf(missing).fields).toEqual([expect.objectContaining({ field: 'title', reason: 'required' })]);
  });

  it('passes the parsed value to the handler', async () => {
    const res = await inject({ method: 'POST', url: '/notes', payload: { title: 'hello' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ title: 'hello' });
    expect((await inject({ method: 'GET', url: '/notes?limit=7' })).json()).toEqual({ limit: 7 });
    expect(errorOf(await inject({ method: 'GET', url: '/notes?limit=0' })).fields?.[0]?.reason).toBe('too_small');
  });

  it('answers 413 above the route body limit and 415 for another media type', async () => {
    const big = await inject({ method: 'POST', url: '/notes', payload: { title: 'x'.repeat(200) } });
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe('payload_too_large');
    const text = await inject({
      method: 'POST',
      url: '/notes',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(text.statusCode).toBe(415);
    expect(errorOf(text).code).toBe('unsupported_media_type');
    const broken = await inject({
      method: 'POST',
      url: '/notes',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(broken.statusCode).toBe(400);
    expect(errorOf(broken).code).toBe('malformed_body');
  });

  it('answers unknown routes in the error shape, with security headers', async () => {
    const res = await inject({ method: 'GET', url: '/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('not_found');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers bad percent-encoding and an over-long path parameter in the error shape', async () => {
    const badUrl = await inject({ method: 'GET', url: '/notes/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(errorOf(badUrl).code).toBe('malformed_url');
    const long = await inject({ method: 'GET', url: `/notes/${'x'.repeat(10_000)}` });
    expect(long.statusCode).toBe(414);
    expect(errorOf(long).code).toBe('url_too_long');
    expect(long.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses text/plain with 415 on a route that declares no media types', async () => {
    const res = await inject({
      method: 'POST',
      url: '/notes/echo',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(res.statusCode).toBe(415);
    expect(errorOf(res).code).toBe('unsupported_media_type');
  });

  it('refuses NUL characters and lone surrogates in the body, query and path, naming the fields', async () => {
    const body = await inject({
      method: 'POST',
      url: '/notes/echo',
      payload: { data: { name: 'Wei\u0000', ok: '退款 😀' } },
    });
    expect(body.statusCode).toBe(400);
    expect(errorOf(body).fields).toEqual([
      expect.objectContaining({ field: 'data.name', reason: 'invalid_characters' }),
    ]);
    const query = await inject({ method: 'GET', url: '/notes?limit=5&q=%00' });
    expect(errorOf(query).fields).toEqual([expect.objectContaining({ field: 'q', reason: 'invalid_characters' })]);
    const path = await inject({ method: 'GET', url: '/notes/a%00b' });
    expect(errorOf(path).fields).toEqual([expect.objectContaining({ field: 'id', reason: 'invalid_characters' })]);
  });

  it('refuses a body nested deeper than the limit instead of overflowing the stack', async () => {
    const deep = `{"data":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const res = await inject({
      method: 'POST',
      url: '/notes/echo',
      headers: { 'content-type': 'application/json' },
      payload: deep,
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('malformed_body');
    expect(errorOf(res).message).toContain(`${MAX_JSON_DEPTH} levels`);
    const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });
    const ok = await inject({ method: 'POST', url: '/notes/echo', payload: { data: nested(MAX_JSON_DEPTH - 2) } });
    expect(ok.json()).toEqual({ received: true });
  });

  it('marks every JSON answer, success or error, no-store and nosniff, and answers no CORS', async () => {
    for (const url of ['/notes?limit=3', '/notes?limit=0', '/nowhere']) {
      const res = await inject({ method: 'GET', url, headers: { origin: 'https://evil.example' } });
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    const preflight = await inject({
      method: 'OPTIONS',
      url: '/notes',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('rate-limits a route per address and body key, with Retry-After', async () => {
    const login = (email: string) => inject({ method: 'POST', url: '/notes/login', payload: { email } });
    expect((await login('a@example.com')).statusCode).toBe(201);
    expect((await login('A@example.com ')).statusCode).toBe(201);
    const limited = await login('a@example.com');
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('b@example.com')).statusCode).toBe(201);
  });

  it('documents each route from the same zod schemas at /api/v1/openapi.json', async () => {
    const doc = (await inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<OpenApiDocument>();
    const create = doc.paths['/notes']?.['post'];
    expect(create?.requestBody.content['application/json']?.schema).toMatchObject({
      type: 'object',
      required: ['title'],
      properties: { title: { type: 'string', minLength: 3, maxLength: 10 } },
    });
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '413', '415']));
    expect(doc.paths['/notes']?.['get']?.parameters).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
    ]);
    const ui = await inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});

describe('createHttpApp on a socket', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await createHttpApp(NotesModule, { nest: { logger: false } });
    await app.listen(0, '127.0.0.1');
    port = Number(new URL(await app.getUrl()).port);
  });
  afterAll(() => app.close());

  /** Sends raw bytes and reads until the server closes the connection. */
  const exchange = (raw: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(raw));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });

  it('answers HTTP it cannot parse (Content-Length shorter than the body) in the error shape', async () => {
    const body = '{"title":"hello there"}';
    const answer = await exchange(
      `POST /notes/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n${body}`,
    );
    const bodies = answer
      .split('\r\n\r\n')
      .slice(1)
      .map((part) => part.split('HTTP/1.1')[0] ?? '');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(bodies.length).toBeGreaterThan(0);
    for (const part of bodies.filter((b) => b.trim() !== '')) {
      const parsed = JSON.parse(part) as ErrorAnswer;
      expect(Object.keys(parsed)).toEqual(['error']);
      expect(Object.keys(parsed.error).sort()).toEqual(['code', 'message']);
    }
    expect(answer).toContain('"malformed_request"');
    expect(answer).not.toContain('Client Error');
  });
});
