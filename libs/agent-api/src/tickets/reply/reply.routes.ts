import type { FastifyInstance } from 'fastify';
import { AgentApiException, toHttpError } from '../../agent-api.exception';
import { authenticatedAgentOf } from '../../auth/authenticated-agent';
import { parseInput } from '../../validation/parse-input.util';
import { getTicketParamsSchema } from '../get-ticket/get-ticket.query';
import { visibleTicket } from '../merge/visible-ticket';
import type { TicketRoutesDeps } from '../ticket-routes.deps';
import { postReplyBodySchema } from './post-reply.command';
import { PostReplyUseCase } from './post-reply.use-case';
import { ReplyError, replyHttpError } from './reply.error';

/** POST /api/v1/tickets/:ref/replies: whoever may see the ticket may answer its customer. */
export function replyRoutes(deps: TicketRoutesDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const postReply = new PostReplyUseCase(deps.db, deps.onCommitted);
    app.setErrorHandler((error) => {
      if (error instanceof ReplyError) throw replyHttpError(error);
      throw error instanceof AgentApiException ? toHttpError(error) : error;
    });
    app.post('/api/v1/tickets/:ref/replies', async (request, reply) => {
      const caller = authenticatedAgentOf(request);
      const { ref } = parseInput(getTicketParamsSchema, request.params);
      const body = parseInput(postReplyBodySchema, request.body);
      const ticket = await visibleTicket(deps.tickets, caller, ref);
      const posted = await postReply.execute({
        ...body,
        tenantId: caller.tenantId,
        agentId: caller.id,
        ticketId: ticket.id,
      });
      return reply.status(201).send({ reply: posted });
    });
  };
}
