import { TicketArchivedSchema, create, timestampFromDate } from '@switchboard/contracts';
import { newId as makeId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '../../shared/audit-event';

interface TenantArchivePolicy {
  readonly id: string;
  readonly slug: string;
  readonly archiveAfterDays: number;
}

export interface ArchiveClosedTicketsDeps {
  readonly db: Database;
  readonly onCommitted: (rows: readonly OutboxRow[]) => void;
  readonly newId?: () => string;
  /** Tickets archived per transaction. */
  readonly batchSize?: number;
}

/**
 * Marks tickets closed longer than their tenant's archive_after_days as archived (read-only from then
 * on). It closes nothing. Each batch is one tenant transaction: a set-based UPDATE of the oldest due
 * tickets (rows another transaction holds are skipped for the next run), their audit rows and outbox
 * rows. Returns how many tickets it archived.
 */
export class ArchiveClosedTicketsUseCase {
  private readonly newId: () => string;
  private readonly batchSize: number;

  constructor(private readonly deps: ArchiveClosedTicketsDeps) {
    this.newId = deps.newId ?? makeId;
    this.batchSize = deps.batchSize ?? 500;
  }

  async execute(now: Date = new Date()): Promise<number> {
    const tenants = await this.deps.db.query<{ id: string; slug: string; archive_after_days: number }>(
      `SELECT id, slug, archive_after_days FROM tenants ORDER BY id`,
    );
    let archived = 0;
    for (const row of tenants) {
      archived += await this.archiveTenant(
        { id: row.id, slug: row.slug, archiveAfterDays: row.archive_after_days },
        now,
      );
    }
    return archived;
  }

  private async archiveTenant(tenant: TenantArchivePolicy, now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const { count, rows } = await inTenant(this.deps.db, tenant.id, (tx) => this.archiveBatch(tx, tenant, now));
      this.deps.onCommitted(rows);
      total += count;
      if (count < this.batchSize) return total;
    }
  }

  private async archiveBatch(
    tx: SqlExecutor,
    tenant: TenantArchivePolicy,
    now: Date,
  ): Promise<{ count: number; rows: OutboxRow[] }> {
    const archived = await tx.query<{ id: string; closed_at: Date; version: number }>(
      `WITH due AS (
         SELECT id FROM tickets
         WHERE tenant_id = $1 AND status = 'closed' AND archived_at IS NULL
           AND closed_at <= $2::timestamptz - make_interval(days => $3::int)
         ORDER BY closed_at LIMIT $4
         FOR UPDATE SKIP LOCKED)
       UPDATE tickets t SET archived_at = $2, version = t.version + 1, updated_at = now()
       FROM due WHERE t.id = due.id
       RETURNING t.id, t.closed_at, t.version`,
      [tenant.id, now.toISOString(), tenant.archiveAfterDays, this.batchSize],
    );
    const events = archived.map((ticket) => this.auditEvent(tenant, ticket, now));
    await insertAuditEvents(tx, events);
    return { count: archived.length, rows: await appendToOutbox(tx, events.map(toOutboxEntry)) };
  }

  private auditEvent(
    tenant: TenantArchivePolicy,
    ticket: { id: string; closed_at: Date; version: number },
    now: Date,
  ): AuditEvent {
    return {
      id: this.newId(),
      tenantId: tenant.id,
      tenantSlug: tenant.slug,
      ticketId: ticket.id,
      type: 'archived',
      actor: { kind: 'system', id: null },
      source: 'scheduler',
      occurredAt: now,
      data: {
        before: { archivedAt: null },
        after: { archivedAt: now.toISOString() },
        version: ticket.version,
        closedAt: ticket.closed_at.toISOString(),
        archiveAfterDays: tenant.archiveAfterDays,
      },
      payload: {
        case: 'archived',
        value: create(TicketArchivedSchema, { closedAt: timestampFromDate(ticket.closed_at) }),
      },
    };
  }
}
