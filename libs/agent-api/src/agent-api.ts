import type { FastifyInstance } from 'fastify';
import { assertUsableJwtSecret } from '@switchboard/auth';
import type { CapacityStore } from '@switchboard/coordination';
import type { Database, OutboxRow } from '@switchboard/persistence';
import { AgentApiException, toHttpError } from './agent-api.exception';
import { AgentRepository } from './agents/agent.repository';
import { toAgentView } from './agents/agent.view';
import { authenticatedAgentOf } from './auth/authenticated-agent';
import { bearerTokenPreHandler } from './auth/bearer-token.pre-handler';
import { loginCommandSchema } from './auth/login/login.command';
import { LoginUseCase } from './auth/login/login.use-case';
import { getTicketParamsSchema } from './tickets/get-ticket/get-ticket.query';
import { GetTicketUseCase } from './tickets/get-ticket/get-ticket.use-case';
import { listTicketsQuerySchema } from './tickets/list-tickets/list-tickets.query';
import { ListTicketsUseCase } from './tickets/list-tickets/list-tickets.use-case';
import { routingRoutes } from './routing/routing.routes';
import { customerRoutes } from './customers/customers.routes';
import { ticketTypeRoutes } from './ticket-types/ticket-types.routes';
import { lifecycleRoutes } from './tickets/lifecycle/lifecycle.routes';
import { mergeRoutes } from './tickets/merge/merge.routes';
import { replyRoutes } from './tickets/reply/reply.routes';
import { mailboxRoutes } from './mailboxes/mailboxes.routes';
import type { TicketRoutesDeps } from './tickets/ticket-routes.deps';
import { TicketReadRepository } from './tickets/ticket-read.repository';
import { parseInput } from './validation/parse-input.util';
import { PresenceRepository } from './presence/presence.repository';
import { updatePresenceSchema } from './presence/update-presence.command';

export interface AgentApiDeps {
  readonly db: Database;
  readonly jwtSecret: string;
  readonly capacity: CapacityStore;
  /** The outbox fast path of this process; without it the outbox relay publishes the rows. */
  readonly onCommitted?: (rows: readonly OutboxRow[]) => void;
  /** Called after each routing rule change, so this process's routing cache is dropped at once. */
  readonly onRoutingChanged?: () => void;
}

/**
 * Adds the agents' HTTP API under /api/v1 to a server made by createHttpServer: the token route is
 * open, every other route needs a bearer token. AgentApiException becomes an HttpError here and the
 * server's own error handler writes the answer.
 */
export async function registerAgentApi(app: FastifyInstance, deps: AgentApiDeps): Promise<void> {
  assertUsableJwtSecret(deps.jwtSecret);
  const agents = new AgentRepository(deps.db);
  const login = new LoginUseCase(agents, deps.jwtSecret);
  const tickets = new TicketReadRepository(deps.db);
  const listTickets = new ListTicketsUseCase(tickets);
  const getTicket = new GetTicketUseCase(tickets);
  const presence = new PresenceRepository(deps.db);
  const ticketRoutesDeps: TicketRoutesDeps = {
    db: deps.db,
    tickets,
    capacity: deps.capacity,
    onCommitted: deps.onCommitted ?? (() => undefined),
  };

  await app.register(async (api) => {
    api.setErrorHandler((error) => {
      throw error instanceof AgentApiException ? toHttpError(error) : error;
    });
    // Tokens and tickets are private to one agent: no shared cache may keep them.
    api.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    api.post('/api/v1/auth/token', async (request) => login.execute(parseInput(loginCommandSchema, request.body)));

    await api.register(async (authenticated) => {
      authenticated.addHook('preHandler', bearerTokenPreHandler(agents, deps.jwtSecret));
      authenticated.get('/api/v1/me', async (request) => toAgentView(authenticatedAgentOf(request)));
      authenticated.put('/api/v1/me/presence', async (request) => {
        const me = authenticatedAgentOf(request);
        return presence.setPresence(me.tenantId, me.id, parseInput(updatePresenceSchema, request.body).status);
      });
      authenticated.post('/api/v1/me/heartbeat', async (request) => {
        const me = authenticatedAgentOf(request);
        return presence.heartbeat(me.tenantId, me.id);
      });
      authenticated.get('/api/v1/tickets', async (request) =>
        listTickets.execute(authenticatedAgentOf(request), parseInput(listTicketsQuerySchema, request.query)),
      );
      authenticated.get('/api/v1/tickets/:ref', async (request) =>
        getTicket.execute(authenticatedAgentOf(request), parseInput(getTicketParamsSchema, request.params)),
      );
      await authenticated.register(
        routingRoutes({
          db: deps.db,
          capacity: deps.capacity,
          tickets,
          ...(deps.onRoutingChanged ? { onRoutingChanged: deps.onRoutingChanged } : {}),
        }),
      );
      await authenticated.register(lifecycleRoutes(ticketRoutesDeps));
      await authenticated.register(ticketTypeRoutes(ticketRoutesDeps));
      await authenticated.register(customerRoutes(ticketRoutesDeps));
      await authenticated.register(mergeRoutes(ticketRoutesDeps));
      await authenticated.register(replyRoutes(ticketRoutesDeps));
      await authenticated.register(mailboxRoutes(ticketRoutesDeps));
    });
  });
}
