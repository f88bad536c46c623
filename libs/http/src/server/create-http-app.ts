import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { DynamicModule, INestApplication, NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { onSendHookHandler } from 'fastify';
import { Redis } from 'ioredis';
import { HttpExceptionFilter } from '../errors/http-exception.filter';
import { answerClientError, answerFrameworkError } from './edge-errors';
import { screenRequestInput } from './screen-input';
import { acceptMultipartBodies } from './multipart-form';
import { applyRouteLimits } from './route-limits';

export interface HttpAppOptions {
  /** Default body limit; routes may set another with @RouteLimits. */
  readonly bodyLimit?: number;
  /** Fastify's trustProxy: only when the service sits behind a proxy that sets X-Forwarded-*. */
  readonly trustProxy?: boolean | number | string[];
  /** Rate-limit counters shared by every instance (distributed mode); in memory without one. */
  readonly redisUrl?: string;
  readonly redisKeyPrefix?: string;
  readonly nest?: NestApplicationOptions;
}

/** Swagger UI's page needs its own scripts and styles; every other answer gets the strict default. */
const DOCS_CSP = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-inline'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
  },
};

/**
 * A Nest application on Fastify with our edge: JSON, form and multipart bodies (as a Buffer), per-route limits and media types
 * (checked before the body is read), security headers, `Cache-Control: no-store` on JSON, opt-in rate
 * limits, and one exception filter that answers `{ error: { code, message, fields? } }`. No CORS: the
 * browser pages are served from the same origin, so cross-origin reads stay refused by default.
 */
export async function createHttpApp(
  rootModule: Type | DynamicModule,
  options: HttpAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    // Fastify takes a hop count at run time; its option type leaves number out.
    trustProxy: (options.trustProxy ?? false) as boolean | string | string[],
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  const fastify = adapter.getInstance();
  // Fastify parses text/plain by default; no route of ours takes it, so it answers 415 like any other type.
  fastify.removeContentTypeParser('text/plain');
  acceptMultipartBodies(fastify);
  // XML callbacks (WeChat) are verified over the bytes sent: rawBody keeps them; the body is their text,
  // parsed by the channel's own safe parser (no DTDs), never by a generic XML plugin.
  fastify.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'buffer' }, (request, raw, done) => {
    const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    (request as { rawBody?: Buffer }).rawBody = bytes;
    done(null, bytes.toString('utf8'));
  });
  fastify.addHook('preValidation', screenRequestInput);
  fastify.addHook('onSend', noStoreJson);
  fastify.addHook('onRoute', (route) => {
    applyRouteLimits(route);
    if (route.url.startsWith('/docs')) route.helmet = { contentSecurityPolicy: DOCS_CSP };
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
    // Throw instead of process.exit: a module that cannot start fails its test, or runService's hint.
    abortOnError: false,
    // Channel webhooks verify signatures over the bytes sent (request.rawBody), not re-serialized JSON.
    rawBody: true,
    ...options.nest,
  });
  await registerEdgePlugins(app, options);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  return app;
}

/** JSON answers carry tickets and personal data: no cache keeps them unless a route says otherwise. */
const noStoreJson: onSendHookHandler = (_request, reply, payload, done) => {
  const type = reply.getHeader('content-type');
  if (typeof type === 'string' && type.startsWith('application/json') && !reply.hasHeader('cache-control'))
    void reply.header('cache-control', 'no-store');
  done(null, payload);
};

async function registerEdgePlugins(app: NestFastifyApplication, options: HttpAppOptions): Promise<void> {
  // JSON and application/x-www-form-urlencoded parsers are the adapter's own (registered at init).
  // A page that sets its own Content-Security-Policy (the web form) keeps it; the rest get helmet's.
  await app.register(helmet, { global: true });
  const redis = options.redisUrl ? new Redis(options.redisUrl, { lazyConnect: false }) : undefined;
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: `${options.redisKeyPrefix ?? 'sb'}:rate:` } : {}),
  });
  if (redis)
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', async () => void (await redis.quit()));
}

export type HttpApp = INestApplication;
