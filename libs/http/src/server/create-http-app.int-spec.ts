import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { setupOpenApi } from '../openapi/setup-openapi';
import { ZodBody, ZodQuery } from '../validation/zod-input.decorators';
import { createHttpApp } from './create-http-app';
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
