import type { SqlExecutor } from '@switchboard/persistence';

/** The writes of one merge, each a single statement scoped to the tenant. */

export async function countMessages(tx: SqlExecutor, tenantId: string, ticketId: string): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ticket_messages WHERE tenant_id = $1 AND ticket_id = $2`,
    [tenantId, ticketId],
  );
  return rows[0]?.n ?? 0;
}

/** Moves every message of `fromId` to `toId`; returns their ids in conversation order. */
export async function moveAllMessages(
  tx: SqlExecutor,
  tenantId: string,
  fromId: string,
  toId: string,
): Promise<string[]> {
  const rows = await tx.query<{ id: string; received_at: Date }>(
    `UPDATE ticket_messages SET ticket_id = $3 WHERE tenant_id = $1 AND ticket_id = $2 RETURNING id, received_at`,
    [tenantId, fromId, toId],
  );
  return rows
    .sort((a, b) => a.received_at.getTime() - b.received_at.getTime() || a.id.localeCompare(b.id))
    .map((r) => r.id);
}

/** Moves the watchers of `fromId` to `toId`; one already watching `toId` is kept once. Returns the agents added. */
export async function moveWatchers(tx: SqlExecutor, tenantId: string, fromId: string, toId: string): Promise<string[]> {
  const added = await tx.query<{ agent_id: string }>(
    `INSERT INTO ticket_watchers (tenant_id, ticket_id, agent_id, created_at)
     SELECT tenant_id, $3, agent_id, created_at FROM ticket_watchers WHERE tenant_id = $1 AND ticket_id = $2
     ON CONFLICT (ticket_id, agent_id) DO NOTHING RETURNING agent_id`,
    [tenantId, fromId, toId],
  );
  await tx.query(`DELETE FROM ticket_watchers WHERE tenant_id = $1 AND ticket_id = $2`, [tenantId, fromId]);
  return added.map((r) => r.agent_id).sort();
}

/** Closes the absorbed ticket and points it at the survivor; returns its closed_at (kept if it was closed already). */
export async function markMerged(
  tx: SqlExecutor,
  tenantId: string,
  sourceId: string,
  survivorId: string,
): Promise<Date> {
  const rows = await tx.query<{ closed_at: Date }>(
    `UPDATE tickets SET merged_into_id = $3, status = 'closed',
            closed_at = CASE WHEN status = 'closed' THEN COALESCE(closed_at, now()) ELSE now() END,
            updated_at = now(), version = version + 1
      WHERE tenant_id = $1 AND id = $2 RETURNING closed_at`,
    [tenantId, sourceId, survivorId],
  );
  const closedAt = rows[0]?.closed_at;
  if (!closedAt) throw new Error(`Ticket ${sourceId} vanished while locked`);
  return closedAt;
}

export async function touchTicket(tx: SqlExecutor, tenantId: string, ticketId: string): Promise<void> {
  await tx.query(`UPDATE tickets SET updated_at = now(), version = version + 1 WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    ticketId,
  ]);
}

/**
 * Tickets merged into the absorbed ticket earlier now point at the survivor too, so merged_into_id
 * always names a ticket that was not merged and one hop finds where a conversation lives.
 */
export async function repointMerged(
  tx: SqlExecutor,
  tenantId: string,
  ticketIds: readonly string[],
  survivorId: string,
): Promise<void> {
  if (ticketIds.length === 0) return;
  await tx.query(
    `UPDATE tickets SET merged_into_id = $3, updated_at = now(), version = version + 1
      WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tenantId, ticketIds, survivorId],
  );
}
