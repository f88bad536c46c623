import { TicketTransferredSchema, create } from '@switchboard/contracts';
import { appendToOutbox, type Database, type OutboxRow } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '@switchboard/tickets';

interface OverflowedRow {
  id: string;
  tenant_id: string;
  slug: string;
  from_team_id: string;
  to_team_id: string;
  waited_seconds: number;
}

/**
 * Moves tickets that waited in a team's queue longer than the team's `overflow_after_seconds` to its
 * `overflow_team_id`, in one transaction with their audit events (TicketTransferred, actor: the
 * system). The wait starts again in the fallback team, which may overflow further in turn.
 */
export class OverflowTeamQueues {
  constructor(
    private readonly db: Database,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
    private readonly newId: () => string,
    private readonly batchSize = 500,
  ) {}

  /** Returns how many tickets moved. */
  async execute(): Promise<number> {
    const { moved, rows } = await this.db.transaction(async (tx) => {
      const overflowed = await tx.query<OverflowedRow>(
        `WITH due AS (
           SELECT t.id, t.team_id AS from_team_id, tm.overflow_team_id AS to_team_id,
                  extract(epoch FROM now() - t.queued_at)::int AS waited_seconds
             FROM tickets t JOIN teams tm ON tm.id = t.team_id
            WHERE tm.overflow_team_id IS NOT NULL AND t.status = 'new' AND t.assignee_id IS NULL
              AND t.queued_at < now() - make_interval(secs => tm.overflow_after_seconds)
            ORDER BY t.queued_at
            LIMIT $1
            FOR UPDATE OF t SKIP LOCKED)
         UPDATE tickets t SET team_id = due.to_team_id, queued_at = now(), updated_at = now()
           FROM due, tenants n
          WHERE t.id = due.id AND n.id = t.tenant_id
         RETURNING t.id, t.tenant_id, n.slug, due.from_team_id, due.to_team_id, due.waited_seconds`,
        [this.batchSize],
      );
      const events = overflowed.map((row) => this.auditEvent(row));
      await insertAuditEvents(tx, events);
      return { moved: overflowed.length, rows: await appendToOutbox(tx, events.map(toOutboxEntry)) };
    });
    this.onCommitted(rows);
    return moved;
  }

  private auditEvent(row: OverflowedRow): AuditEvent {
    const reason = `overflow: waited ${row.waited_seconds} s in the team queue`;
    return {
      id: this.newId(),
      tenantId: row.tenant_id,
      tenantSlug: row.slug,
      ticketId: row.id,
      type: 'transferred',
      actor: { kind: 'system', id: null },
      source: 'routing',
      data: {
        before: { teamId: row.from_team_id, assigneeId: null },
        after: { teamId: row.to_team_id, assigneeId: null },
        reason,
      },
      occurredAt: new Date(),
      payload: {
        case: 'transferred',
        value: create(TicketTransferredSchema, { fromTeamId: row.from_team_id, toTeamId: row.to_team_id, reason }),
      },
    };
  }
}
