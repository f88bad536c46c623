import { newId as makeId } from '@switchboard/ids';
import type { CapacityStore } from '@switchboard/coordination';
import type { Logger } from '@switchboard/logger';
import type { Database, OutboxRow } from '@switchboard/persistence';
import type { RoutingDirectory, TenantRouting } from '../directory/routing-directory';
import type { RoutableTicket } from '../rules/routing-rule';
import { decideRouting } from './routing-decision';
import { RoutingDecisionWriter, type DecidedTicket } from './routing-decision.writer';
import { findTicketDetails } from './ticket-details.repository';
import { settleDecisions, withSeededCounters } from './decide-safely';

export interface TicketToRoute extends RoutableTicket {
  readonly tenantSlug: string;
  readonly ticketId: string;
  readonly customerId?: string;
}

export interface AssignmentOutcome {
  readonly ticketId: string;
  readonly outcome: 'assigned' | 'queued' | 'already_routed' | 'unknown_tenant';
  readonly agentId: string | null;
}

/**
 * Routes a batch of new tickets: rule → team → the least-loaded agent, capacity reserved atomically
 * in the capacity store, then committed by the RoutingDecisionWriter (never twice per ticket).
 */
export class AssignTicketsUseCase {
  private readonly writer: RoutingDecisionWriter;

  constructor(
    private readonly db: Database,
    private readonly directory: RoutingDirectory,
    private readonly capacity: CapacityStore,
    private readonly log: Logger,
    onCommitted: (rows: readonly OutboxRow[]) => void = () => undefined,
    newId: () => string = makeId,
  ) {
    this.writer = new RoutingDecisionWriter(db, capacity, onCommitted, newId);
  }

  async execute(tickets: readonly TicketToRoute[]): Promise<AssignmentOutcome[]> {
    const outcomes: AssignmentOutcome[] = [];
    const routable: { ticket: TicketToRoute; routing: TenantRouting }[] = [];
    for (const ticket of tickets) {
      const routing = await this.directory.forTenant(this.db, ticket.tenantSlug);
      if (routing) routable.push({ ticket, routing });
      else {
        this.log.warn({ tenant: ticket.tenantSlug, ticketId: ticket.ticketId }, 'ticket of unknown tenant not routed');
        outcomes.push({ ticketId: ticket.ticketId, outcome: 'unknown_tenant', agentId: null });
      }
    }
    const lastAgents = await this.customersLastAgents(routable);
    const details = await findTicketDetails(
      this.db,
      routable.filter(({ routing }) => routing.needsTicketDetails).map(({ ticket }) => ticket.ticketId),
    );
    const decided: DecidedTicket[] = await withSeededCounters(this.db, this.capacity, () =>
      this.decideAll(routable, details, lastAgents),
    );
    const applied = await this.writer.commit(decided);
    for (const d of decided) {
      const outcome = !applied.has(d.ticketId) ? 'already_routed' : d.decision.agentId ? 'assigned' : 'queued';
      outcomes.push({ ticketId: d.ticketId, outcome, agentId: outcome === 'assigned' ? d.decision.agentId : null });
    }
    return outcomes;
  }

  /** Issued together so the capacity store pipelines the reservations (one round trip per batch, not per ticket). */
  private decideAll(
    routable: readonly { ticket: TicketToRoute; routing: TenantRouting }[],
    details: ReadonlyMap<string, Partial<RoutableTicket>>,
    lastAgents: ReadonlyMap<string, string>,
  ): Promise<DecidedTicket[]> {
    return settleDecisions(
      routable.map(async ({ ticket, routing }) => {
        const last = ticket.customerId ? lastAgents.get(ticket.customerId) : undefined;
        const routed = { ...ticket, ...details.get(ticket.ticketId), ...(last ? { customersLastAgentId: last } : {}) };
        return {
          ticketId: ticket.ticketId,
          tenantId: routing.tenantId,
          tenantSlug: ticket.tenantSlug,
          channel: ticket.channel,
          decision: await decideRouting(routing, routed, this.capacity),
        };
      }),
      this.capacity,
    );
  }

  /** For tenants with a sticky team: each customer's most recent agent, in one query per batch. */
  private async customersLastAgents(
    routable: readonly { ticket: TicketToRoute; routing: TenantRouting }[],
  ): Promise<Map<string, string>> {
    const customers = routable
      .filter(({ routing }) => [...routing.teams.values()].some((team) => team.strategy === 'sticky'))
      .flatMap(({ ticket }) => (ticket.customerId ? [ticket.customerId] : []));
    if (customers.length === 0) return new Map();
    const rows = await this.db.query<{ customer_id: string; assignee_id: string }>(
      `SELECT DISTINCT ON (customer_id) customer_id, assignee_id FROM tickets
        WHERE customer_id = ANY($1::uuid[]) AND assignee_id IS NOT NULL
        ORDER BY customer_id, assigned_at DESC NULLS LAST`,
      [[...new Set(customers)]],
    );
    return new Map(rows.map((r) => [r.customer_id, r.assignee_id]));
  }
}
