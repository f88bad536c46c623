import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics';

const installed = new WeakSet<FastifyInstance>();

/**
 * Records every response in `http_request_duration_seconds`, labelled with the route pattern
 * (`/api/v1/tickets/:ref`), never the raw URL: one series per route, not one per ticket. Requests
 * no route matched share the `unmatched` label. Installing twice on one instance is a no-op.
 */
export function installHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  if (installed.has(app)) return;
  installed.add(app);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}
