import type { FastifyInstance } from 'fastify';
import type { TicketRoutesDeps } from '../ticket-routes.deps';

/** Routes for status changes, assignment, transfer, review and history. Registered inside the authenticated scope. */
export function lifecycleRoutes(_deps: TicketRoutesDeps) {
  return async (_app: FastifyInstance): Promise<void> => {};
}
