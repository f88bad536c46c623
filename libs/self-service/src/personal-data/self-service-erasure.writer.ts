import type { SqlExecutor } from '@switchboard/persistence';

/**
 * Self-service's part of a customer erasure, in the caller's transaction: lookup codes (and the
 * address they were mailed to) are deleted, rating comments emptied, visit addresses and notes replaced.
 */
export async function eraseCustomerSelfServiceData(
  tx: SqlExecutor,
  tenantId: string,
  customerIds: readonly string[],
  ticketIds: readonly string[],
  replacement: string,
): Promise<void> {
  await tx.query(`DELETE FROM portal_lookup_codes WHERE tenant_id = $1 AND customer_id = ANY($2::uuid[])`, [
    tenantId,
    customerIds,
  ]);
  await tx.query(`UPDATE csat_ratings SET comment = '' WHERE tenant_id = $1 AND ticket_id = ANY($2::uuid[])`, [
    tenantId,
    ticketIds,
  ]);
  await tx.query(
    `UPDATE appointments SET address = $3, note = '', updated_at = now() WHERE tenant_id = $1 AND ticket_id = ANY($2::uuid[])`,
    [tenantId, ticketIds, replacement],
  );
}

/** What self-service holds about a customer's tickets, for the personal-data export. */
export async function selfServiceDataOf(
  tx: SqlExecutor,
  tenantId: string,
  ticketIds: readonly string[],
): Promise<{ ratings: unknown[]; appointments: unknown[] }> {
  const ratings = await tx.query(
    `SELECT ticket_id AS "ticketId", round, score, comment, channel, created_at AS "createdAt"
       FROM csat_ratings WHERE tenant_id = $1 AND ticket_id = ANY($2::uuid[]) ORDER BY created_at`,
    [tenantId, ticketIds],
  );
  const appointments = await tx.query(
    `SELECT ticket_id AS "ticketId", status, window_start AS "windowStart", window_end AS "windowEnd",
            time_zone AS "timeZone", address, note, created_at AS "createdAt"
       FROM appointments WHERE tenant_id = $1 AND ticket_id = ANY($2::uuid[]) ORDER BY created_at`,
    [tenantId, ticketIds],
  );
  return { ratings, appointments };
}
