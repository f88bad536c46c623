import { newId as makeId } from '@switchboard/ids';
import { TicketAssignedSchema, TicketQueuedSchema, create } from '@switchboard/contracts';
import type { CapacityStore, Reservation } from '@switchboard/coordination';
import type { Logger } from '@switchboard/logger';
import { appendToOutbox, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '@switchboard/tickets';
import type { RoutingDirectory, TenantRouting } from '../directory/routing-directory';
import type { RoutableTicket } from '../rules/routing-rule';
import { decideRouting, type RoutingDecision } from './routing-decision';

export interface TicketToRoute extends RoutableTicket {
  readonly tenantSlug: string;
  readonly ticketId: string;
}

interface Decided {
  readonly ticket: TicketToRoute;
  readonly tenantId: string;
  readonly decision: RoutingDecision;
}

export interface AssignmentOutcome {
  readonly ticketId: string;
  readonly outcome: 'assigned' | 'queued' | 'already_routed' | 'unknown_tenant';
  readonly agentId: string | null;
}

/**
 * Routes a batch of new tickets. Capacity is reserved first (atomic in the capacity store); then one
 * transaction assigns only tickets that are still unassigned, so a redelivered event never assigns a
 * ticket twice, and reservations that did not turn into an assignment are given back.
 */
export class AssignTicketsUseCase {
  constructor(
    private readonly db: Database,
    private readonly directory: RoutingDirectory,
    private readonly capacity: CapacityStore,
    private readonly log: Logger,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void = () => undefined,
    private readonly newId: () => string = makeId,
  ) {}

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
    // Issued together so the capacity store pipelines the reservations (one round trip per batch, not per ticket).
    const decided: Decided[] = await Promise.all(
      routable.map(async ({ ticket, routing }) => ({
        ticket,
        tenantId: routing.tenantId,
        decision: await decideRouting(routing, ticket, this.capacity),
      })),
    );
    const reserved: Reservation[] = decided.flatMap((d) =>
      d.decision.agentId ? [{ tenantId: d.tenantId, agentId: d.decision.agentId }] : [],
    );
    let applied: Set<string>;
    try {
      const result = await this.db.transaction((tx) => this.apply(tx, decided));
      applied = result.applied;
      this.onCommitted(result.rows);
    } catch (error) {
      await this.capacity.release(reserved);
      throw error;
    }
    await this.capacity.release(
      decided
        .filter((d) => d.decision.agentId && !applied.has(d.ticket.ticketId))
        .map((d) => ({ tenantId: d.tenantId, agentId: d.decision.agentId ?? '' })),
    );
    for (const d of decided) {
      const outcome = !applied.has(d.ticket.ticketId) ? 'already_routed' : d.decision.agentId ? 'assigned' : 'queued';
      outcomes.push({
        ticketId: d.ticket.ticketId,
        outcome,
        agentId: outcome === 'assigned' ? d.decision.agentId : null,
      });
    }
    return outcomes;
  }

  private async apply(
    tx: SqlExecutor,
    decided: readonly Decided[],
  ): Promise<{ applied: Set<string>; rows: OutboxRow[] }> {
    if (decided.length === 0) return { applied: new Set(), rows: [] };
    const rows = await tx.query<{ id: string }>(
      `UPDATE tickets t SET
         team_id = COALESCE(u.team_id, t.team_id),
         assignee_id = u.agent_id,
         status = CASE WHEN u.agent_id IS NULL THEN t.status ELSE 'assigned' END,
         priority = COALESCE(u.priority, t.priority),
         assigned_at = CASE WHEN u.agent_id IS NULL THEN NULL ELSE now() END,
         updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) AS u(id, team_id, agent_id, priority)
       WHERE t.id = u.id AND t.assignee_id IS NULL AND t.status = 'new'
       RETURNING t.id`,
      [
        decided.map((d) => d.ticket.ticketId),
        decided.map((d) => d.decision.teamId),
        decided.map((d) => d.decision.agentId),
        decided.map((d) => d.decision.priority),
      ],
    );
    const applied = new Set(rows.map((r) => r.id));
    const events = decided.filter((d) => applied.has(d.ticket.ticketId)).map((d) => this.auditEvent(d));
    await insertAuditEvents(tx, events);
    return { applied, rows: await appendToOutbox(tx, events.map(toOutboxEntry)) };
  }

  private auditEvent({ ticket, tenantId, decision }: Decided): AuditEvent {
    const traceJson = JSON.stringify(decision.trace);
    const base = {
      id: this.newId(),
      tenantId,
      tenantSlug: ticket.tenantSlug,
      ticketId: ticket.ticketId,
      actor: { kind: 'rule' as const, id: decision.ruleId },
      occurredAt: new Date(),
    };
    if (decision.agentId && decision.teamId) {
      const assigned = { teamId: decision.teamId, agentId: decision.agentId, ruleId: decision.ruleId ?? '', traceJson };
      return {
        ...base,
        type: 'assigned',
        data: { teamId: decision.teamId, agentId: decision.agentId, trace: decision.trace },
        payload: { case: 'assigned', value: create(TicketAssignedSchema, assigned) },
      };
    }
    const queued = { teamId: decision.teamId ?? '', ruleId: decision.ruleId ?? '', reason: decision.trace.outcome };
    return {
      ...base,
      type: 'queued',
      data: { teamId: decision.teamId, reason: decision.trace.outcome, trace: decision.trace },
      payload: { case: 'queued', value: create(TicketQueuedSchema, queued) },
    };
  }
}
