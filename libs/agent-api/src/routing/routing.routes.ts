import type { CapacityStore } from '@switchboard/coordination';
import type { FastifyInstance } from 'fastify';
import type { Database } from '@switchboard/persistence';
import {
  DryRunRoutingUseCase,
  dryRunRoutingCommandSchema,
  ReadRoutingRulesUseCase,
  RoutingDirectory,
  RoutingRuleAdminException,
  RoutingRuleAdminRepository,
  routingRuleDraftSchema,
  RoutingSettingsUseCase,
  SaveRoutingRuleUseCase,
  agentCapacitySchema,
  teamRoutingSchema,
} from '@switchboard/routing';
import { createLogger } from '@switchboard/logger';
import { AgentApiException, AgentApiExceptionCode, toHttpError } from '../agent-api.exception';
import type { Agent } from '../agents/agent.repository';
import { authenticatedAgentOf } from '../auth/authenticated-agent';
import { getTicketParamsSchema } from '../tickets/get-ticket/get-ticket.query';
import type { TicketReadRepository } from '../tickets/ticket-read.repository';
import { parseInput } from '../validation/parse-input.util';
import { GetTicketRoutingUseCase } from './get-ticket-routing/get-ticket-routing.use-case';
import { requireRole } from './require-role.util';
import { routingAdminHttpError } from './routing-admin.http-error';
import { routingRuleParamsSchema } from './routing-rule.params';

export interface RoutingRoutesDeps {
  readonly db: Database;
  /** The agents' load counters, shown next to the open tickets Postgres counts. */
  readonly capacity: Pick<CapacityStore, 'loads'>;
  readonly tickets: TicketReadRepository;
  /** Runs after every committed rule change, e.g. to drop the routing service's cache in this process. */
  readonly onRoutingChanged?: () => void;
}

const editorOf = (agent: Agent) => ({ tenantId: agent.tenantId, agentId: agent.id });

/**
 * Rules admin (admin), dry run (manager, admin) and a ticket's routing explanation (whoever may read
 * the ticket). Registered inside the authenticated scope, so the bearer token is already checked.
 */
export function routingRoutes(deps: RoutingRoutesDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const repository = new RoutingRuleAdminRepository();
    // Its own short-lived cache, dropped with the caller's on each change, so a dry run sees a save at once.
    const directory = new RoutingDirectory(createLogger('AgentApiRoutingDirectory'));
    const onChanged = (): void => {
      directory.invalidate();
      deps.onRoutingChanged?.();
    };
    const save = new SaveRoutingRuleUseCase(deps.db, repository, onChanged);
    const read = new ReadRoutingRulesUseCase(deps.db, repository);
    const dryRun = new DryRunRoutingUseCase(deps.db, directory);
    const ticketRouting = new GetTicketRoutingUseCase(deps.db, deps.tickets);
    const settings = new RoutingSettingsUseCase(deps.db, deps.capacity, onChanged);
    const admin = (request: Parameters<typeof authenticatedAgentOf>[0]) =>
      requireRole(authenticatedAgentOf(request), ['admin']);

    app.setErrorHandler((error) => {
      if (error instanceof RoutingRuleAdminException) throw routingAdminHttpError(error);
      throw error instanceof AgentApiException ? toHttpError(error) : error;
    });

    app.get('/api/v1/routing/rules', async (request) => read.list(admin(request).tenantId));
    app.post('/api/v1/routing/rules', async (request, reply) => {
      const editor = editorOf(admin(request));
      reply.code(201);
      return save.create(editor, parseInput(routingRuleDraftSchema, request.body));
    });
    app.put('/api/v1/routing/rules/:id', async (request) => {
      const editor = editorOf(admin(request));
      const { id } = parseInput(routingRuleParamsSchema, request.params);
      return save.replace(editor, id, parseInput(routingRuleDraftSchema, request.body));
    });
    app.delete('/api/v1/routing/rules/:id', async (request) => {
      const editor = editorOf(admin(request));
      return save.disable(editor, parseInput(routingRuleParamsSchema, request.params).id);
    });
    app.get('/api/v1/routing/rules/:id/versions', async (request) => {
      const { tenantId } = admin(request);
      return read.versions(tenantId, parseInput(routingRuleParamsSchema, request.params).id);
    });
    app.get('/api/v1/routing/teams', async (request) =>
      settings.listTeams(requireRole(authenticatedAgentOf(request), ['manager', 'admin']).tenantId),
    );
    app.put('/api/v1/routing/teams/:id', async (request) => {
      const { tenantId } = admin(request);
      const { id } = parseInput(routingRuleParamsSchema, request.params);
      return settings.setTeamRouting(tenantId, id, parseInput(teamRoutingSchema, request.body));
    });
    app.put('/api/v1/routing/agents/:id/capacity', async (request) => {
      const { tenantId } = admin(request);
      const { id } = parseInput(routingRuleParamsSchema, request.params);
      return settings.setAgentCapacity(tenantId, id, parseInput(agentCapacitySchema, request.body));
    });
    app.post('/api/v1/routing/dry-run', async (request) => {
      const caller = requireRole(authenticatedAgentOf(request), ['manager', 'admin']);
      const result = await dryRun.execute(caller.tenantId, parseInput(dryRunRoutingCommandSchema, request.body));
      if (!result) throw new AgentApiException(AgentApiExceptionCode.Forbidden, 'The tenant has no routing.');
      return result;
    });
    app.get('/api/v1/tickets/:ref/routing', async (request) =>
      ticketRouting.execute(authenticatedAgentOf(request), parseInput(getTicketParamsSchema, request.params)),
    );
  };
}
