import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger } from '@switchboard/logger';
import { installHttpErrorHandler } from './http-error-handler';

export interface HttpServerOptions {
  /** Default body limit; routes may set a smaller or larger one. */
  readonly bodyLimit?: number;
}

/** A Fastify server with JSON + form bodies and our error shape. Routes are added by each module. */
export async function createHttpServer(name: string, options: HttpServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 1_048_576, trustProxy: true });
  installHttpErrorHandler(app, createLogger(name));
  await app.register(formbody);
  app.get('/healthz', async () => ({ status: 'ok' }));
  return app;
}
