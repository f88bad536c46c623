import type { FastifyInstance } from 'fastify';
import type { TicketRoutesDeps } from '../tickets/ticket-routes.deps';

/** Routes for customers, identities, companies, merge and unmerge. Registered inside the authenticated scope. */
export function customerRoutes(_deps: TicketRoutesDeps) {
  return async (_app: FastifyInstance): Promise<void> => {};
}
