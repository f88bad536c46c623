import type { FastifyInstance } from 'fastify';
import type { TicketRoutesDeps } from '../tickets/ticket-routes.deps';

/** Routes for ticket types and their templates. Registered inside the authenticated scope. */
export function ticketTypeRoutes(_deps: TicketRoutesDeps) {
  return async (_app: FastifyInstance): Promise<void> => {};
}
