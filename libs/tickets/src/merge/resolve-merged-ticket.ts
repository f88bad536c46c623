import type { SqlExecutor } from '@switchboard/persistence';

export interface MergeSurvivor {
  readonly id: string;
  readonly number: string;
  readonly status: string;
}

// A merge refuses merged tickets on both sides, so chains (B→A, later A→C) are acyclic; the depth
// bound only guards against a hand-edited database.
const MAX_MERGE_DEPTH = 32;

/**
 * Where messages for these tickets belong now: each id follows merged_into_id (within its own
 * tenant) to the ticket that absorbed it, itself when it was never merged. Works across tenants, so
 * an ingest batch resolves every ticket its conversation keys and number hints found in one query.
 */
export async function resolveMergedTickets(
  tx: SqlExecutor,
  ticketIds: readonly string[],
): Promise<Map<string, MergeSurvivor>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await tx.query<{ start_id: string; id: string; number: string; status: string }>(
    `WITH RECURSIVE chain AS (
       SELECT t.id AS start_id, t.tenant_id, t.id, t.number, t.status, t.merged_into_id, 0 AS depth
         FROM tickets t WHERE t.id = ANY($1::uuid[])
       UNION ALL
       SELECT c.start_id, t.tenant_id, t.id, t.number, t.status, t.merged_into_id, c.depth + 1
         FROM chain c JOIN tickets t ON t.id = c.merged_into_id AND t.tenant_id = c.tenant_id
        WHERE c.depth < $2
     )
     SELECT DISTINCT ON (start_id) start_id, id, number, status FROM chain ORDER BY start_id, depth DESC`,
    [[...new Set(ticketIds)], MAX_MERGE_DEPTH],
  );
  return new Map(rows.map((r) => [r.start_id, { id: r.id, number: r.number, status: r.status }]));
}

/** One ticket's survivor in the tenant; undefined when the tenant has no such ticket. */
export async function resolveMergedTicket(
  tx: SqlExecutor,
  tenantId: string,
  ticketId: string,
): Promise<MergeSurvivor | undefined> {
  const rows = await tx.query<{ id: string }>(`SELECT id FROM tickets WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    ticketId,
  ]);
  if (rows.length === 0) return undefined;
  return (await resolveMergedTickets(tx, [ticketId])).get(ticketId);
}
