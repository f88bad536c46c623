import type { SqlExecutor } from '@switchboard/persistence';
import {
  LOCKED_TICKET_SELECT,
  toLockedTicket,
  type LockedTicket,
  type LockedTicketRow,
} from '../lifecycle/locked-ticket';

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
    `${LOCKED_TICKET_SELECT}
      WHERE t.tenant_id = $1 AND (t.id = ANY($2::uuid[]) OR t.merged_into_id = $3::uuid)
      ORDER BY t.id FOR UPDATE OF t`,
    [tenantId, [...new Set(ids)], withMergedInto],
  );
  return new Map(rows.map((row) => [row.id, toLockedTicket(row)]));
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
