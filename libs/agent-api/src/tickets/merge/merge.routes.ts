import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  LinkTicketsUseCase,
  MergeTicketsUseCase,
  SplitTicketUseCase,
  TicketRelationException,
  TicketWatchersUseCase,
} from '@switchboard/tickets';
import { AgentApiException, toHttpError } from '../../agent-api.exception';
import { authenticatedAgentOf } from '../../auth/authenticated-agent';
import { parseInput } from '../../validation/parse-input.util';
import { getTicketParamsSchema } from '../get-ticket/get-ticket.query';
import { GetTicketUseCase } from '../get-ticket/get-ticket.use-case';
import type { TicketRoutesDeps } from '../ticket-routes.deps';
import { linkBodySchema, mergeBodySchema, splitBodySchema, unlinkParamsSchema } from './merge.schemas';
import { toLinkViews, toWatcherViews } from './relation.views';
import { ticketRelationHttpError } from './ticket-relation.http-error';
import { visibleTicket } from './visible-ticket';

/**
 * Merge, split, links and watchers. Registered inside the authenticated scope. Every ticket a request
 * names must be visible to the caller (agent: assigned to them, manager: their team, admin: all).
 */
export function mergeRoutes(deps: TicketRoutesDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const merge = new MergeTicketsUseCase(deps.db, deps.capacity, deps.onCommitted);
    const split = new SplitTicketUseCase(deps.db, deps.capacity, deps.onCommitted);
    const links = new LinkTicketsUseCase(deps.db, deps.onCommitted);
    const watchers = new TicketWatchersUseCase(deps.db);
    const getTicket = new GetTicketUseCase(deps.tickets);
    const target = async (request: FastifyRequest) => {
      const caller = authenticatedAgentOf(request);
      const { ref } = parseInput(getTicketParamsSchema, request.params);
      return { caller, ticket: await visibleTicket(deps.tickets, caller, ref) };
    };

    app.setErrorHandler((error) => {
      if (error instanceof TicketRelationException) throw ticketRelationHttpError(error);
      throw error instanceof AgentApiException ? toHttpError(error) : error;
    });

    app.post('/api/v1/tickets/:ref/merge', async (request) => {
      const { caller, ticket } = await target(request);
      const body = parseInput(mergeBodySchema, request.body);
      const source = await visibleTicket(deps.tickets, caller, body.sourceTicket);
      const merged = await merge.execute({
        tenantId: caller.tenantId,
        agentId: caller.id,
        survivorId: ticket.id,
        sourceId: source.id,
      });
      return {
        ticket: await getTicket.execute(caller, { ref: { kind: 'id', id: ticket.id } }),
        merged: { id: merged.sourceId, number: merged.sourceNumber },
        movedMessageIds: merged.movedMessageIds,
        movedWatcherAgentIds: merged.movedWatcherAgentIds,
      };
    });

    app.post('/api/v1/tickets/:ref/split', async (request, reply) => {
      const { caller, ticket } = await target(request);
      const body = parseInput(splitBodySchema, request.body);
      const result = await split.execute({
        tenantId: caller.tenantId,
        agentId: caller.id,
        ticketId: ticket.id,
        messageIds: body.messageIds.map((id) => id.toLowerCase()),
        ...(body.subject !== undefined ? { subject: body.subject } : {}),
      });
      reply.code(201);
      return {
        ticket: await getTicket.execute(caller, { ref: { kind: 'id', id: result.newTicketId } }),
        splitFrom: { id: ticket.id, number: ticket.number },
        movedMessageIds: result.movedMessageIds,
      };
    });

    app.get('/api/v1/tickets/:ref/links', async (request) => {
      const { caller, ticket } = await target(request);
      return toLinkViews(await links.list(caller.tenantId, ticket.id));
    });

    app.post('/api/v1/tickets/:ref/links', async (request, reply) => {
      const { caller, ticket } = await target(request);
      const body = parseInput(linkBodySchema, request.body);
      const other = await visibleTicket(deps.tickets, caller, body.ticket);
      const command = { tenantId: caller.tenantId, agentId: caller.id, ticketId: ticket.id, kind: body.kind };
      const rows = await links.link({ ...command, otherTicketId: other.id });
      reply.code(201);
      return toLinkViews(rows);
    });

    app.delete('/api/v1/tickets/:ref/links/:other/:kind', async (request) => {
      const caller = authenticatedAgentOf(request);
      const params = parseInput(unlinkParamsSchema, request.params);
      const ticket = await visibleTicket(deps.tickets, caller, params.ref);
      const other = await visibleTicket(deps.tickets, caller, params.other);
      const command = { tenantId: caller.tenantId, agentId: caller.id, ticketId: ticket.id, kind: params.kind };
      return toLinkViews(await links.unlink({ ...command, otherTicketId: other.id }));
    });

    app.get('/api/v1/tickets/:ref/watchers', async (request) => {
      const { caller, ticket } = await target(request);
      return toWatcherViews(await watchers.list(caller.tenantId, ticket.id));
    });

    app.put('/api/v1/tickets/:ref/watchers/me', async (request) => {
      const { caller, ticket } = await target(request);
      return toWatcherViews(await watchers.watch(caller.tenantId, caller.id, ticket.id));
    });

    app.delete('/api/v1/tickets/:ref/watchers/me', async (request) => {
      const { caller, ticket } = await target(request);
      return toWatcherViews(await watchers.unwatch(caller.tenantId, caller.id, ticket.id));
    });
  };
}
