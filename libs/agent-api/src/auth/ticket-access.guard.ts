import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { abilityFor, canOnTicket, type TicketAction as Action, type TicketPlacement } from '@switchboard/auth';
import { DATABASE, inTenant, type Database } from '@switchboard/persistence';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import { getTicketParamsSchema } from '../tickets/get-ticket/get-ticket.query';
import { authenticatedAgentOf } from './authenticated-agent';

const TICKET_ACTION = 'switchboard:agent-api:ticket-action';

/**
 * The policy action a `tickets/:ref...` route needs on its ticket when it is not the default (GET
 * reads, every other method works the ticket): `review` for deciding a review, `manage`...
 */
export const TicketAction = (action: Action): MethodDecorator => SetMetadata(TICKET_ACTION, action);

/** Routes of one ticket: the path names it as `:ref` right under `tickets/`. */
const TICKET_ROUTE = /\/tickets\/:ref(\/|$)/;

interface PlacementRow {
  tenant_id: string;
  team_id: string | null;
  assignee_id: string | null;
}

/**
 * Runs after BearerAuthGuard and RolesGuard on every authenticated route whose path names a ticket
 * (`/tickets/:ref...`), including routes added later: loads where the ticket sits and asks the policy
 * (abilityFor) for the route's action. A ticket the caller may not act on answers 404 ticket_not_found,
 * exactly like one that does not exist. A malformed ref is left to the route's validation (400).
 */
@Injectable()
export class TicketAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!TICKET_ROUTE.test(request.routeOptions.url ?? '')) return true;
    const params: unknown = request.params;
    const ref: unknown = typeof params === 'object' && params !== null ? Reflect.get(params, 'ref') : undefined;
    const parsed = getTicketParamsSchema.safeParse({ ref });
    if (!parsed.success) return true;
    const agent = authenticatedAgentOf(request);
    const action =
      this.reflector.get<Action | undefined>(TICKET_ACTION, context.getHandler()) ??
      (request.method === 'GET' ? 'read' : 'work');
    const ticket = await this.placementOf(agent.tenantId, parsed.data.ref);
    if (!ticket || !canOnTicket(abilityFor(agent.access), action, ticket)) {
      throw new AgentApiException(AgentApiExceptionCode.TicketNotFound, 'No such ticket.');
    }
    return true;
  }

  private async placementOf(
    tenantId: string,
    ref: { kind: 'id'; id: string } | { kind: 'number'; number: string },
  ): Promise<TicketPlacement | undefined> {
    const rows = await inTenant(this.db, tenantId, (tx) =>
      tx.query<PlacementRow>(
        `SELECT tenant_id, team_id, assignee_id FROM tickets WHERE tenant_id = $1 AND ${
          ref.kind === 'id' ? 'id = $2::uuid' : 'number = $2'
        }`,
        [tenantId, ref.kind === 'id' ? ref.id : ref.number],
      ),
    );
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, teamId: row.team_id, assigneeId: row.assignee_id } : undefined;
  }
}
