import type { FastifyInstance } from 'fastify';
import { createTicketLifecycle } from '@switchboard/tickets';
import { authenticatedAgentOf } from '../../auth/authenticated-agent';
import { parseInput } from '../../validation/parse-input.util';
import { getTicketParamsSchema } from '../get-ticket/get-ticket.query';
import type { TicketRoutesDeps } from '../ticket-routes.deps';
import { answeringLifecycleErrors } from './lifecycle-error.mapper';
import { assignBodySchema, changeStatusBodySchema, reviewBodySchema, transferBodySchema } from './lifecycle.schemas';
import { TicketHistoryQuery } from './ticket-history.query';

/** Routes for status changes, assignment, transfer, review and history. Registered inside the authenticated scope. */
export function lifecycleRoutes(deps: TicketRoutesDeps) {
  const lifecycle = createTicketLifecycle(deps);
  const history = new TicketHistoryQuery(deps.db);

  return async (app: FastifyInstance): Promise<void> => {
    app.post('/api/v1/tickets/:ref/status', async (request) => {
      const { ref } = parseInput(getTicketParamsSchema, request.params);
      const body = parseInput(changeStatusBodySchema, request.body);
      const actor = authenticatedAgentOf(request);
      return { ticket: await answeringLifecycleErrors(() => lifecycle.changeStatus.execute(actor, { ref, ...body })) };
    });
    app.post('/api/v1/tickets/:ref/assign', async (request) => {
      const { ref } = parseInput(getTicketParamsSchema, request.params);
      const body = parseInput(assignBodySchema, request.body);
      const actor = authenticatedAgentOf(request);
      return { ticket: await answeringLifecycleErrors(() => lifecycle.assign.execute(actor, { ref, ...body })) };
    });
    app.post('/api/v1/tickets/:ref/transfer', async (request) => {
      const { ref } = parseInput(getTicketParamsSchema, request.params);
      const body = parseInput(transferBodySchema, request.body);
      const actor = authenticatedAgentOf(request);
      return { ticket: await answeringLifecycleErrors(() => lifecycle.transfer.execute(actor, { ref, ...body })) };
    });
    app.post('/api/v1/tickets/:ref/review', async (request) => {
      const { ref } = parseInput(getTicketParamsSchema, request.params);
      const body = parseInput(reviewBodySchema, request.body);
      const actor = authenticatedAgentOf(request);
      return { ticket: await answeringLifecycleErrors(() => lifecycle.decideReview.execute(actor, { ref, ...body })) };
    });
    app.get('/api/v1/tickets/:ref/history', async (request) =>
      history.execute(authenticatedAgentOf(request), parseInput(getTicketParamsSchema, request.params).ref),
    );
  };
}
