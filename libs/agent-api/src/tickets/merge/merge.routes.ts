import type { FastifyInstance } from 'fastify';
import type { TicketRoutesDeps } from '../ticket-routes.deps';

/** Routes for ticket merge, split and links. Registered inside the authenticated scope. */
export function mergeRoutes(_deps: TicketRoutesDeps) {
  return async (_app: FastifyInstance): Promise<void> => {};
}
