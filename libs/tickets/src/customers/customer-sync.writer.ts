import type { SqlExecutor } from '@switchboard/persistence';

/** One company as the CRM knows it, keyed by its external id. */
export interface SyncedCompany {
  readonly externalId: string;
  readonly name: string;
  readonly domain?: string | undefined;
  readonly tier?: string | undefined;
  readonly region?: string | undefined;
}

/** One customer as the CRM knows it, keyed by its external id (a verified `external` identity). */
export interface SyncedCustomer {
  readonly externalId: string;
  readonly name?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly tier?: string | undefined;
  readonly region?: string | undefined;
  /** The company's external id: given in the same batch or synced before. */
  readonly companyExternalId?: string | undefined;
}

export interface SyncOutcome {
  readonly externalId: string;
  readonly id: string;
  readonly outcome: 'created' | 'updated';
}

/** Upserts companies by (tenant, external id) in one statement; the ids by external id. */
export async function upsertCompaniesByExternalId(
  tx: SqlExecutor,
  tenantId: string,
  companies: readonly SyncedCompany[],
  newId: () => string,
): Promise<SyncOutcome[]> {
  if (companies.length === 0) return [];
  // An absent tier leaves a known company's tier alone (the column has no "unset"): filled in here.
  const known = await tx.query<{ external_id: string; tier: string }>(
    `SELECT external_id, tier FROM companies WHERE tenant_id = $1 AND external_id = ANY($2::text[])`,
    [tenantId, companies.map((c) => c.externalId)],
  );
  const tiers = new Map(known.map((k) => [k.external_id, k.tier]));
  const rows = await tx.query<{ id: string; external_id: string }>(
    `INSERT INTO companies (id, tenant_id, external_id, name, domain, tier, region)
     SELECT c.id, $1, c.external_id, c.name, c.domain, c.tier, c.region
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
            AS c(id, external_id, name, domain, tier, region)
     ON CONFLICT (tenant_id, external_id) WHERE external_id IS NOT NULL DO UPDATE SET
       name = EXCLUDED.name,
       domain = COALESCE(EXCLUDED.domain, companies.domain),
       tier = EXCLUDED.tier,
       region = COALESCE(EXCLUDED.region, companies.region)
     RETURNING id, external_id`,
    [
      tenantId,
      companies.map(() => newId()),
      companies.map((c) => c.externalId),
      companies.map((c) => c.name),
      companies.map((c) => c.domain ?? null),
      companies.map((c) => c.tier ?? tiers.get(c.externalId) ?? 'standard'),
      companies.map((c) => c.region ?? null),
    ],
  );
  return rows.map((r) => ({
    externalId: r.external_id,
    id: r.id,
    outcome: tiers.has(r.external_id) ? 'updated' : 'created',
  }));
}

/**
 * Upserts customers by their `external` identity: new ones get a customer row and the identity, known
 * ones get the fields the CRM sent (absent fields are left alone). Emails and phones are added as
 * unverified identities unless another customer holds them already (those are returned as conflicts:
 * the sync never moves an identity from one customer to another; a merge does).
 */
export async function upsertCustomersByExternalId(
  tx: SqlExecutor,
  tenantId: string,
  customers: readonly SyncedCustomer[],
  companyIds: ReadonlyMap<string, string>,
  newId: () => string,
): Promise<{ outcomes: SyncOutcome[]; conflicts: { externalId: string; kind: string; value: string }[] }> {
  if (customers.length === 0) return { outcomes: [], conflicts: [] };
  const known = await tx.query<{ value: string; customer_id: string }>(
    `SELECT value, customer_id FROM customer_identities WHERE tenant_id = $1 AND kind = 'external' AND value = ANY($2::text[])`,
    [tenantId, customers.map((c) => c.externalId)],
  );
  const existing = new Map(known.map((k) => [k.value, k.customer_id]));
  const ids = customers.map((c) => existing.get(c.externalId) ?? newId());
  const company = (c: SyncedCustomer): string | null =>
    c.companyExternalId ? (companyIds.get(c.companyExternalId) ?? null) : null;
  await tx.query(
    `INSERT INTO customers (id, tenant_id, name, tier, region, company_id)
     SELECT c.id, $1, c.name, c.tier, c.region, c.company_id
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[]) AS c(id, name, tier, region, company_id)
     ON CONFLICT (id) DO UPDATE SET
       name = COALESCE(EXCLUDED.name, customers.name),
       tier = COALESCE(EXCLUDED.tier, customers.tier),
       region = COALESCE(EXCLUDED.region, customers.region),
       company_id = COALESCE(EXCLUDED.company_id, customers.company_id),
       updated_at = now()`,
    [
      tenantId,
      ids,
      customers.map((c) => c.name ?? null),
      customers.map((c) => c.tier ?? null),
      customers.map((c) => c.region ?? null),
      customers.map(company),
    ],
  );
  const claims = customers.flatMap((c, i) => [
    { customerId: ids[i] ?? '', externalId: c.externalId, kind: 'external', value: c.externalId, verified: true },
    ...(c.email
      ? [{ customerId: ids[i] ?? '', externalId: c.externalId, kind: 'email', value: c.email, verified: false }]
      : []),
    ...(c.phone
      ? [{ customerId: ids[i] ?? '', externalId: c.externalId, kind: 'phone', value: c.phone, verified: false }]
      : []),
  ]);
  await tx.query(
    `INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified)
     SELECT $1, i.kind, i.value, i.customer_id, i.verified
       FROM unnest($2::text[], $3::text[], $4::uuid[], $5::bool[]) AS i(kind, value, customer_id, verified)
     ON CONFLICT (tenant_id, kind, value) DO NOTHING`,
    [
      tenantId,
      claims.map((c) => c.kind),
      claims.map((c) => c.value),
      claims.map((c) => c.customerId),
      claims.map((c) => c.verified),
    ],
  );
  const holders = await tx.query<{ kind: string; value: string; customer_id: string }>(
    `SELECT kind, value, customer_id FROM customer_identities
      WHERE tenant_id = $1 AND (kind, value) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [tenantId, claims.map((c) => c.kind), claims.map((c) => c.value)],
  );
  const holder = new Map(holders.map((h) => [`${h.kind}\u0000${h.value}`, h.customer_id]));
  const conflicts = claims
    .filter((c) => holder.get(`${c.kind}\u0000${c.value}`) !== c.customerId)
    .map(({ externalId, kind, value }) => ({ externalId, kind, value }));
  const outcomes = customers.map((c, i) => ({
    externalId: c.externalId,
    id: ids[i] ?? '',
    outcome: existing.has(c.externalId) ? ('updated' as const) : ('created' as const),
  }));
  return { outcomes, conflicts };
}
