import type { SqlExecutor } from '@switchboard/persistence';
import type { TenantMessage } from './plan-ingest';

export interface CustomerInfo {
  readonly id: string;
  readonly tier: string;
  readonly region: string | null;
}

interface IdentityRow {
  tenant_id: string;
  kind: string;
  value: string;
  customer_id: string;
  tier: string;
  region: string | null;
}

export const identityKeyOf = (m: Pick<TenantMessage, 'tenantId' | 'identity'>): string =>
  `${m.tenantId}\u0000${m.identity.kind}\u0000${m.identity.value}`;

const rowKey = (r: { tenant_id: string; kind: string; value: string }): string =>
  `${r.tenant_id}\u0000${r.kind}\u0000${r.value}`;

async function findByIdentity(
  tx: SqlExecutor,
  identities: readonly TenantMessage[],
): Promise<Map<string, CustomerInfo>> {
  if (identities.length === 0) return new Map();
  const rows = await tx.query<IdentityRow>(
    `SELECT i.tenant_id, i.kind, i.value, c.id AS customer_id, c.tier, c.region
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(tenant_id, kind, value)
       JOIN customer_identities i USING (tenant_id, kind, value)
       JOIN customers c ON c.id = i.customer_id`,
    [
      identities.map((m) => m.tenantId),
      identities.map((m) => m.identity.kind),
      identities.map((m) => m.identity.value),
    ],
  );
  return new Map(rows.map((r) => [rowKey(r), { id: r.customer_id, tier: r.tier, region: r.region }]));
}

/**
 * Finds or creates one customer per identity. Identities are claimed first (the customer FK is
 * deferred), so when two batches race for the same new identity, the loser simply reads the winner's.
 */
export async function resolveCustomers(
  tx: SqlExecutor,
  messages: readonly TenantMessage[],
  newId: () => string,
): Promise<Map<string, CustomerInfo>> {
  // Sorted, so that concurrent batches claim shared identities in the same order and cannot deadlock.
  const distinct = [...new Map(messages.map((m) => [identityKeyOf(m), m])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, m]) => m);
  const customers = await findByIdentity(tx, distinct);
  const missing = distinct.filter((m) => !customers.has(identityKeyOf(m)));
  if (missing.length === 0) return customers;
  const ids = missing.map(() => newId());
  const claimed = await tx.query<{ tenant_id: string; kind: string; value: string; customer_id: string }>(
    `INSERT INTO customer_identities (tenant_id, kind, value, customer_id)
     SELECT t, k, v, c FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) WITH ORDINALITY AS u(t, k, v, c, ord)
     ORDER BY ord
     ON CONFLICT DO NOTHING RETURNING tenant_id, kind, value, customer_id`,
    [missing.map((m) => m.tenantId), missing.map((m) => m.identity.kind), missing.map((m) => m.identity.value), ids],
  );
  const claimedKeys = new Set(claimed.map(rowKey));
  const created = missing.map((m, i) => ({ m, id: ids[i] ?? '' })).filter(({ m }) => claimedKeys.has(identityKeyOf(m)));
  await tx.query(
    `INSERT INTO customers (id, tenant_id, name, region)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])`,
    [
      created.map((c) => c.id),
      created.map((c) => c.m.tenantId),
      created.map((c) => c.m.customerName),
      created.map((c) => c.m.region),
    ],
  );
  for (const { m, id } of created) customers.set(identityKeyOf(m), { id, tier: 'standard', region: m.region });
  const raced = missing.filter((m) => !claimedKeys.has(identityKeyOf(m)));
  for (const [key, info] of await findByIdentity(tx, raced)) customers.set(key, info);
  return customers;
}
