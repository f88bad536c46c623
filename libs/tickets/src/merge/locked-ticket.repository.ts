import type { SqlExecutor } from '@switchboard/persistence';

/** The columns merge, split and link rules look at, read under a row lock. */
export interface LockedTicket {
  readonly id: string;
  readonly number: string;
  readonly status: string;
  readonly assigneeId: string | null;
  readonly teamId: string | null;
  readonly mergedIntoId: string | null;
  readonly archivedAt: Date | null;
  readonly closedAt: Date | null;
  /** The agents' load is counted per channel too. */
  readonly channel: string;
}

interface LockedTicketRow {
  id: string;
  number: string;
  status: string;
  assignee_id: string | null;
  team_id: string | null;
  merged_into_id: string | null;
  archived_at: Date | null;
  closed_at: Date | null;
  channel: string;
}

export interface TenantOfChange {
  readonly id: string;
  readonly slug: string;
  readonly ticketPrefix: string;
}

/**
 * Locks the tenant's tickets with these ids (and, when asked, the tickets merged into
 * `withMergedInto`) in one statement, always in id order, so two requests touching the same pair (a
 * merge A←B while another merges B←A, or links both ways) wait for each other instead of
 * deadlocking. Returns them by id; an id of another tenant is simply missing.
 */
export async function lockTickets(
  tx: SqlExecutor,
  tenantId: string,
  ids: readonly string[],
  withMergedInto: string | null = null,
): Promise<Map<string, LockedTicket>> {
  const rows = await tx.query<LockedTicketRow>(
    `SELECT id, number, status, assignee_id, team_id, merged_into_id, archived_at, closed_at, channel
       FROM tickets WHERE tenant_id = $1 AND (id = ANY($2::uuid[]) OR merged_into_id = $3::uuid)
      ORDER BY id FOR UPDATE`,
    [tenantId, [...new Set(ids)], withMergedInto],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        number: r.number,
        status: r.status,
        assigneeId: r.assignee_id,
        teamId: r.team_id,
        mergedIntoId: r.merged_into_id,
        archivedAt: r.archived_at,
        closedAt: r.closed_at,
        channel: r.channel,
      },
    ]),
  );
}

export async function findTenantOfChange(tx: SqlExecutor, tenantId: string): Promise<TenantOfChange> {
  const rows = await tx.query<{ slug: string; ticket_prefix: string }>(
    `SELECT slug, ticket_prefix FROM tenants WHERE id = $1`,
    [tenantId],
  );
  const row = rows[0];
  if (!row) throw new Error(`Tenant ${tenantId} does not exist`);
  return { id: tenantId, slug: row.slug, ticketPrefix: row.ticket_prefix };
}
