import type { SqlExecutor } from '@switchboard/persistence';
import { LOCKED_TICKET_SELECT, toLockedTicket, type LockedTicket, type LockedTicketRow } from './locked-ticket';
import { isTicketStatus, type TicketStatus } from './ticket-transitions';
import type { TicketReference } from './ticket-reference';

export type { LockedTicket } from './locked-ticket';

/** The columns a change writes; the rest (timestamps, counters, version) follow from them. */
export interface TicketPlacementChange {
  readonly status: TicketStatus;
  readonly teamId: string | null;
  readonly assigneeId: string | null;
}

/** What the API answers after a change. */
export interface TicketState {
  readonly id: string;
  readonly number: string;
  readonly status: TicketStatus;
  readonly team: { readonly id: string; readonly name: string } | null;
  readonly assignee: { readonly id: string; readonly name: string } | null;
  readonly version: number;
  readonly reopenCount: number;
  readonly assignedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly closedAt: Date | null;
}

interface StateRow {
  id: string;
  number: string;
  status: string;
  team_id: string | null;
  team_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  version: number;
  reopen_count: number;
  assigned_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
}

function statusOf(value: string): TicketStatus {
  if (!isTicketStatus(value)) throw new Error(`Ticket has unknown status ${value}`);
  return value;
}

function toTicketState(row: StateRow): TicketState {
  return {
    id: row.id,
    number: row.number,
    status: statusOf(row.status),
    team: row.team_id && row.team_name !== null ? { id: row.team_id, name: row.team_name } : null,
    assignee: row.assignee_id && row.assignee_name !== null ? { id: row.assignee_id, name: row.assignee_name } : null,
    version: row.version,
    reopenCount: row.reopen_count,
    assignedAt: row.assigned_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
  };
}

/** Reads and writes one ticket inside the caller's transaction; every method is scoped to one tenant. */
export class LockedTicketRepository {
  constructor(private readonly tx: SqlExecutor) {}

  async lock(tenantId: string, ref: TicketReference): Promise<LockedTicket | undefined> {
    const match = ref.kind === 'id' ? 't.id = $2::uuid' : 't.number = $2';
    const rows = await this.tx.query<LockedTicketRow>(
      `${LOCKED_TICKET_SELECT}
       WHERE t.tenant_id = $1 AND ${match}
       FOR UPDATE OF t`,
      [tenantId, ref.kind === 'id' ? ref.id : ref.number],
    );
    const row = rows[0];
    return row ? toLockedTicket(row) : undefined;
  }

  /**
   * Writes the new placement and what follows from it: resolved_at is kept only while resolved or
   * closed, closed_at only while closed, assigned_at moves with the assignee; every change bumps version.
   */
  async apply(ticket: LockedTicket, change: TicketPlacementChange, reopened: boolean): Promise<void> {
    await this.tx.query(
      `UPDATE tickets SET
         status = $3, team_id = $4, assignee_id = $5,
         assigned_at = CASE WHEN $5::uuid IS NULL THEN NULL
                            WHEN assignee_id IS DISTINCT FROM $5::uuid THEN now() ELSE assigned_at END,
         resolved_at = CASE WHEN $3 = 'resolved' AND status <> 'resolved' THEN now()
                            WHEN $3 IN ('resolved', 'closed') THEN resolved_at ELSE NULL END,
         closed_at = CASE WHEN $3 = 'closed' THEN COALESCE(closed_at, now()) ELSE NULL END,
         reopen_count = reopen_count + $6::int,
         -- A ticket that enters a team's queue (a transfer without an agent) starts its overflow wait now.
         queued_at = CASE WHEN $5::uuid IS NULL AND $3 = 'new' AND team_id IS DISTINCT FROM $4::uuid THEN now()
                          ELSE queued_at END,
         version = version + 1,
         updated_at = now()
       WHERE tenant_id = $1 AND id = $2`,
      [ticket.tenantId, ticket.id, change.status, change.teamId, change.assigneeId, reopened ? 1 : 0],
    );
  }

  async state(tenantId: string, ticketId: string): Promise<TicketState> {
    const rows = await this.tx.query<StateRow>(
      `SELECT t.id, t.number, t.status, t.team_id, tm.name AS team_name, t.assignee_id, a.name AS assignee_name,
              t.version, t.reopen_count, t.assigned_at, t.resolved_at, t.closed_at
       FROM tickets t
       LEFT JOIN teams tm ON tm.id = t.team_id AND tm.tenant_id = t.tenant_id
       LEFT JOIN agents a ON a.id = t.assignee_id AND a.tenant_id = t.tenant_id
       WHERE t.tenant_id = $1 AND t.id = $2`,
      [tenantId, ticketId],
    );
    const row = rows[0];
    if (!row) throw new Error(`Ticket ${ticketId} vanished inside its own transaction`);
    return toTicketState(row);
  }
}
