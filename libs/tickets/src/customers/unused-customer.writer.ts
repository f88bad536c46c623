import type { SqlExecutor } from '@switchboard/persistence';
import type { IdentityClaim } from './identity-claims';

/**
 * Removes the customer a refused message brought into being, so a refusal leaves nothing half-written:
 * a customer reached through the message's claims that has no identity besides them, no ticket, no
 * message, no merge, no company, no lookup code, and nothing a CRM gave it (an external id, a tier).
 * Any of those means somebody else uses the customer, and it stays. Locked FOR UPDATE: a batch that already holds it (FOR KEY SHARE, holdCustomers) wins,
 * and one that reads it after it is gone retries (IngestRaceException CustomerGone).
 */
export async function forgetUnusedCustomers(
  tx: SqlExecutor,
  tenantId: string,
  claims: readonly IdentityClaim[],
): Promise<string[]> {
  if (claims.length === 0) return [];
  const rows = await tx.query<{ id: string }>(
    `WITH claim AS (SELECT * FROM unnest($2::text[], $3::text[]) AS k(kind, value)),
     unused AS (
       SELECT c.id FROM customers c
        WHERE c.tenant_id = $1
          AND c.id IN (SELECT i.customer_id FROM customer_identities i JOIN claim USING (kind, value) WHERE i.tenant_id = $1)
          AND c.merged_into_id IS NULL AND c.company_id IS NULL AND c.tier IS NULL
          AND NOT EXISTS (SELECT 1 FROM customer_identities x WHERE x.customer_id = c.id AND x.kind = 'external')
          AND NOT EXISTS (SELECT 1 FROM customer_identities o WHERE o.customer_id = c.id
                            AND NOT EXISTS (SELECT 1 FROM claim k WHERE (k.kind, k.value) = (o.kind, o.value)))
          AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM ticket_messages m WHERE m.customer_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM customers m WHERE m.merged_into_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM customer_merges g WHERE c.id IN (g.target_customer_id, g.source_customer_id))
          AND NOT EXISTS (SELECT 1 FROM portal_lookup_codes p WHERE p.customer_id = c.id)
        FOR UPDATE OF c),
     identities AS (DELETE FROM customer_identities i USING unused u WHERE i.customer_id = u.id)
     DELETE FROM customers c USING unused u WHERE c.id = u.id RETURNING c.id`,
    [tenantId, claims.map((c) => c.kind), claims.map((c) => c.value)],
  );
  return rows.map((r) => r.id);
}
