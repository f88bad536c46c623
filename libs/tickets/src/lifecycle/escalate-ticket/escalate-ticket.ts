import { FieldsChangedSchema, TicketTransferredSchema, create } from '@switchboard/contracts';
import type { OutboxEntry, SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '../../shared/audit-event';

/** What an SLA escalation asks of a ticket: another team's queue, a higher priority, or both. */
export interface TicketEscalation {
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly ticketId: string;
  readonly toTeamId?: string;
  readonly priority?: string;
  readonly reason: string;
  readonly occurredAt: Date;
  readonly newId: () => string;
}

export interface EscalationOutcome {
  readonly entries: OutboxEntry[];
  /** The agent whose load drops once the caller commits (the ticket left them). */
  readonly released: { readonly agentId: string; readonly channel: string } | null;
}

interface Row {
  status: string;
  priority: string;
  team_id: string | null;
  assignee_id: string | null;
  channel: string;
  version: number;
}

/**
 * An escalation's change to a ticket, in the caller's transaction (the SLA timer loop's, which holds
 * the timer it fires): the system moves the ticket to a team's queue and/or raises its priority,
 * writes the audit rows and returns their outbox entries. Setting a priority or team the ticket
 * already has changes nothing, so a repeated escalation is harmless. Resolved, closed, archived and
 * merged tickets are left alone.
 */
export async function escalateTicket(tx: SqlExecutor, e: TicketEscalation): Promise<EscalationOutcome> {
  const [row] = await tx.query<Row>(
    `SELECT status, priority, team_id, assignee_id, channel, version FROM tickets
      WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL AND merged_into_id IS NULL
        AND status NOT IN ('resolved', 'closed')
      FOR UPDATE`,
    [e.tenantId, e.ticketId],
  );
  if (!row) return { entries: [], released: null };
  const events: AuditEvent[] = [];
  const base = {
    tenantId: e.tenantId,
    tenantSlug: e.tenantSlug,
    ticketId: e.ticketId,
    actor: { kind: 'system', id: null },
    source: 'scheduler',
    occurredAt: e.occurredAt,
  } as const;
  let released: EscalationOutcome['released'] = null;
  if (e.priority !== undefined && e.priority !== row.priority) {
    await tx.query(
      `UPDATE tickets SET priority = $3, version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [e.tenantId, e.ticketId, e.priority],
    );
    const changes = { priority: { before: row.priority, after: e.priority } };
    events.push({
      ...base,
      id: e.newId(),
      type: 'fields_changed',
      data: { before: { priority: row.priority }, after: { priority: e.priority }, reason: e.reason },
      payload: { case: 'fieldsChanged', value: create(FieldsChangedSchema, { changesJson: JSON.stringify(changes) }) },
    });
  }
  if (e.toTeamId !== undefined && e.toTeamId !== row.team_id) {
    await tx.query(
      `UPDATE tickets SET status = 'new', team_id = $3, assignee_id = NULL, assigned_at = NULL, queued_at = now(),
              version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [e.tenantId, e.ticketId, e.toTeamId],
    );
    const transferred = {
      fromTeamId: row.team_id ?? '',
      fromAgentId: row.assignee_id ?? '',
      toTeamId: e.toTeamId,
      toAgentId: '',
      reason: e.reason,
    };
    events.push({
      ...base,
      id: e.newId(),
      type: 'transferred',
      data: {
        before: { status: row.status, teamId: row.team_id, assigneeId: row.assignee_id },
        after: { status: 'new', teamId: e.toTeamId, assigneeId: null },
        reason: e.reason,
      },
      payload: { case: 'transferred', value: create(TicketTransferredSchema, transferred) },
    });
    if (row.assignee_id) released = { agentId: row.assignee_id, channel: row.channel };
  }
  await insertAuditEvents(tx, events);
  return { entries: events.map(toOutboxEntry), released };
}
