import { StatusChangedSchema, create } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '../../shared/audit-event';

/** A tenant whose resolved tickets close after `afterDays` days without a customer reply. */
export interface AutoClosePolicy {
  readonly tenantId: string;
  readonly afterDays: number;
}

const BATCH = 500;
export const AUTO_CLOSE_REASON = 'auto_closed: no reply since resolution';

/**
 * Closes resolved tickets nobody answered for the tenant's number of days (the self-service settings
 * decide which tenants and how long; this module owns the write). Per tenant, batches of one
 * transaction each: a set-based UPDATE of due tickets (rows another transaction holds are skipped for
 * the next run), their `status_changed` audit rows and outbox rows. Closed tickets are archived later as
 * usual. Resolved tickets hold no agent load, so the counters do not move.
 */
export class CloseResolvedTicketsUseCase {
  constructor(
    private readonly db: Database,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  async execute(policies: readonly AutoClosePolicy[], now: Date = new Date()): Promise<number> {
    let closed = 0;
    for (const policy of policies) {
      for (;;) {
        const { count, rows } = await inTenant(this.db, policy.tenantId, (tx) => this.closeBatch(tx, policy, now));
        this.onCommitted(rows);
        closed += count;
        if (count < BATCH) break;
      }
    }
    return closed;
  }

  private async closeBatch(
    tx: SqlExecutor,
    policy: AutoClosePolicy,
    now: Date,
  ): Promise<{ count: number; rows: OutboxRow[] }> {
    const closed = await tx.query<{ id: string; slug: string; version: number }>(
      `WITH due AS (
         SELECT t.id FROM tickets t
          WHERE t.tenant_id = $1 AND t.status = 'resolved' AND t.archived_at IS NULL AND t.merged_into_id IS NULL
            AND t.resolved_at <= $2::timestamptz - make_interval(days => $3::int)
            AND NOT EXISTS (SELECT 1 FROM ticket_messages m
                             WHERE m.ticket_id = t.id AND m.direction = 'inbound' AND m.received_at > t.resolved_at)
          ORDER BY t.resolved_at LIMIT ${BATCH}
          FOR UPDATE OF t SKIP LOCKED)
       UPDATE tickets t SET status = 'closed', closed_at = $2, version = t.version + 1, updated_at = now()
         FROM due, tenants tn WHERE t.id = due.id AND tn.id = t.tenant_id
       RETURNING t.id, tn.slug, t.version`,
      [policy.tenantId, now.toISOString(), policy.afterDays],
    );
    const events = closed.map((t): AuditEvent => ({
      id: newId(),
      tenantId: policy.tenantId,
      tenantSlug: t.slug,
      ticketId: t.id,
      type: 'status_changed',
      actor: { kind: 'system', id: null },
      source: 'scheduler',
      occurredAt: now,
      data: {
        before: { status: 'resolved' },
        after: { status: 'closed' },
        reason: AUTO_CLOSE_REASON,
        version: t.version,
      },
      payload: {
        case: 'statusChanged',
        value: create(StatusChangedSchema, { from: 'resolved', to: 'closed', reason: AUTO_CLOSE_REASON }),
      },
    }));
    await insertAuditEvents(tx, events);
    return { count: closed.length, rows: await appendToOutbox(tx, events.map(toOutboxEntry)) };
  }
}
