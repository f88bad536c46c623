import { withTenantScope, type Database, type SqlExecutor } from '@switchboard/persistence';
import { AgentApiException, AgentApiExceptionCode } from '../../agent-api.exception';
import type { Agent } from '../../agents/agent.repository';
import type { GetTicketParams } from '../../tickets/get-ticket/get-ticket.query';
import type { TicketReadRepository } from '../../tickets/ticket-read.repository';
import { ticketVisibilityOf } from '../../tickets/ticket-visibility';

export interface TicketRoutingView {
  readonly ticketId: string;
  readonly number: string;
  readonly decisions: readonly { type: string; occurredAt: string; trace: unknown }[];
}

const ROUTING_EVENT_TYPES = ['assigned', 'queued'];

/** Why a ticket went where it went: the traces the router stored on its audit trail, oldest first. */
export class GetTicketRoutingUseCase {
  constructor(
    private readonly db: SqlExecutor | Database,
    private readonly tickets: TicketReadRepository,
  ) {}

  /** Whoever may read the ticket may read its routing; anyone else gets the ticket's own 404. */
  async execute(caller: Agent, params: GetTicketParams): Promise<TicketRoutingView> {
    const ticket = await this.tickets.findTicket(caller.tenantId, params.ref, ticketVisibilityOf(caller));
    if (!ticket) throw new AgentApiException(AgentApiExceptionCode.TicketNotFound, 'No such ticket.');
    const rows = await withTenantScope(this.db, caller.tenantId, (tx) =>
      tx.query<{ type: string; occurred_at: Date; trace: unknown }>(
        `SELECT type, occurred_at, data -> 'trace' AS trace FROM ticket_events
         WHERE tenant_id = $1 AND ticket_id = $2 AND type = ANY($3::text[])
         ORDER BY occurred_at, id`,
        [caller.tenantId, ticket.id, ROUTING_EVENT_TYPES],
      ),
    );
    return {
      ticketId: ticket.id,
      number: ticket.number,
      decisions: rows.map((row) => ({
        type: row.type,
        occurredAt: new Date(row.occurred_at).toISOString(),
        trace: row.trace ?? null,
      })),
    };
  }
}
