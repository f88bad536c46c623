import { newId as makeId } from '@switchboard/ids';
import { inTenant, type Database, type SqlExecutor } from '@switchboard/persistence';
import { findTenantOfChange, lockTickets } from '../relations/locked-tickets.repository';
import { agentEvent } from '../relations/relation-change';
import { requireTicket } from '../relations/relation-rules';
import { TicketRelationException, TicketRelationExceptionCode } from '../relations/ticket-relation.exception';
import { insertAuditEvents } from '../shared/audit-event';

export interface TicketWatcher {
  readonly agentId: string;
  readonly name: string;
  readonly email: string;
  readonly since: Date;
}

/**
 * Agents who follow a ticket without being its assignee. Watching is audited on the ticket's trail
 * but not published: ticket.events.v1 has no payload for it yet, and an event without one would
 * tell consumers nothing.
 */
export class TicketWatchersUseCase {
  constructor(
    private readonly db: Database,
    private readonly newId: () => string = makeId,
  ) {}

  /** Idempotent: watching twice keeps one row and writes one audit event. */
  async watch(tenantId: string, agentId: string, ticketId: string): Promise<TicketWatcher[]> {
    return this.change(tenantId, agentId, ticketId, true);
  }

  async unwatch(tenantId: string, agentId: string, ticketId: string): Promise<TicketWatcher[]> {
    return this.change(tenantId, agentId, ticketId, false);
  }

  async list(tenantId: string, ticketId: string): Promise<TicketWatcher[]> {
    return inTenant(this.db, tenantId, (tx) => findWatchers(tx, tenantId, ticketId));
  }

  private async change(
    tenantId: string,
    agentId: string,
    ticketId: string,
    watching: boolean,
  ): Promise<TicketWatcher[]> {
    return inTenant(this.db, tenantId, async (tx) => {
      const ticket = requireTicket(await lockTickets(tx, tenantId, [ticketId]), ticketId);
      if (watching && ticket.mergedIntoId !== null) {
        throw new TicketRelationException(
          TicketRelationExceptionCode.TicketAlreadyMerged,
          `Ticket ${ticket.number} was merged; watch the ticket it was merged into.`,
          [ticket.id],
        );
      }
      const changed = watching
        ? await tx.query(
            `INSERT INTO ticket_watchers (tenant_id, ticket_id, agent_id) VALUES ($1, $2, $3)
             ON CONFLICT (ticket_id, agent_id) DO NOTHING RETURNING agent_id`,
            [tenantId, ticketId, agentId],
          )
        : await tx.query(
            `DELETE FROM ticket_watchers WHERE tenant_id = $1 AND ticket_id = $2 AND agent_id = $3 RETURNING agent_id`,
            [tenantId, ticketId, agentId],
          );
      if (changed.length > 0) {
        const ctx = {
          tenant: await findTenantOfChange(tx, tenantId),
          agentId,
          occurredAt: new Date(),
          newId: this.newId,
        };
        const data = { before: { watching: !watching }, after: { watching }, agentId };
        const type = watching ? 'watcher_added' : 'watcher_removed';
        await insertAuditEvents(tx, [agentEvent(ctx, ticketId, type, data, { case: undefined })]);
      }
      return findWatchers(tx, tenantId, ticketId);
    });
  }
}

async function findWatchers(tx: SqlExecutor, tenantId: string, ticketId: string): Promise<TicketWatcher[]> {
  const rows = await tx.query<{ agent_id: string; name: string; email: string; created_at: Date }>(
    `SELECT w.agent_id, a.name, a.email, w.created_at
       FROM ticket_watchers w JOIN agents a ON a.id = w.agent_id AND a.tenant_id = w.tenant_id
      WHERE w.tenant_id = $1 AND w.ticket_id = $2 ORDER BY w.created_at, a.email`,
    [tenantId, ticketId],
  );
  return rows.map((r) => ({ agentId: r.agent_id, name: r.name, email: r.email, since: r.created_at }));
}
