import { inTenant, type Database, type SqlExecutor } from '@switchboard/persistence';
import { AgentApiException, AgentApiExceptionCode } from '../../agent-api.exception';
import type { Agent } from '../../agents/agent.repository';
import { TicketReadRepository, type TicketRef } from '../ticket-read.repository';
import { ticketVisibilityOf } from '../ticket-visibility';

export interface TicketHistoryEventView {
  readonly id: string;
  /** The ticket the event happened to: this one, or one merged into it. */
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly actor: { readonly kind: string; readonly id: string | null; readonly name?: string };
  readonly source: string;
  readonly data: Record<string, unknown>;
}

export interface TicketHistoryView {
  readonly ticket: { readonly id: string; readonly number: string };
  readonly events: readonly TicketHistoryEventView[];
}

interface HistoryRow {
  id: string;
  ticket_id: string;
  ticket_number: string;
  type: string;
  occurred_at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  source: string;
  data: Record<string, unknown>;
}

function toEventView(row: HistoryRow): TicketHistoryEventView {
  const actor = {
    kind: row.actor_kind,
    id: row.actor_id,
    ...(row.actor_name === null ? {} : { name: row.actor_name }),
  };
  return {
    id: row.id,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    type: row.type,
    occurredAt: row.occurred_at,
    actor,
    source: row.source,
    data: row.data,
  };
}

// Tickets merged into this one, and those merged into them, keep their own events; the history shows them all.
async function findEvents(tx: SqlExecutor, tenantId: string, ticketId: string): Promise<HistoryRow[]> {
  return tx.query<HistoryRow>(
    `WITH RECURSIVE merged(id) AS (
       SELECT $2::uuid
       UNION
       SELECT t.id FROM tickets t JOIN merged m ON t.merged_into_id = m.id WHERE t.tenant_id = $1)
     SELECT e.id, e.ticket_id, t.number AS ticket_number, e.type, e.occurred_at, e.actor_kind, e.actor_id,
            a.name AS actor_name, e.source, e.data
     FROM ticket_events e
     JOIN merged m ON m.id = e.ticket_id
     JOIN tickets t ON t.id = e.ticket_id AND t.tenant_id = e.tenant_id
     LEFT JOIN agents a ON e.actor_kind = 'agent' AND a.id::text = e.actor_id AND a.tenant_id = e.tenant_id
     WHERE e.tenant_id = $1
     ORDER BY e.occurred_at, e.id`,
    [tenantId, ticketId],
  );
}

/** GET /api/v1/tickets/:ref/history: the audit trail with before/after, oldest first. */
export class TicketHistoryQuery {
  constructor(private readonly db: Database) {}

  async execute(caller: Agent, ref: TicketRef): Promise<TicketHistoryView> {
    return inTenant(this.db, caller.tenantId, async (tx) => {
      const ticket = await new TicketReadRepository(tx).findTicket(caller.tenantId, ref, ticketVisibilityOf(caller));
      if (!ticket) throw new AgentApiException(AgentApiExceptionCode.TicketNotFound, 'No such ticket.');
      const rows = await findEvents(tx, caller.tenantId, ticket.id);
      return { ticket: { id: ticket.id, number: ticket.number }, events: rows.map(toEventView) };
    });
  }
}
