import type { SqlExecutor } from '@switchboard/persistence';
import type {
  CompanyView,
  CustomerDetailView,
  CustomerIdentityView,
  CustomerMergeView,
  CustomerSummaryView,
} from './customer.views';

interface CustomerRow {
  id: string;
  name: string | null;
  tier: string | null;
  effective_tier: string;
  region: string | null;
  company_id: string | null;
  merged_into_id: string | null;
  created_at: Date;
  updated_at: Date;
}

interface CompanyRow {
  id: string;
  name: string;
  domain: string | null;
  tier: string;
  region: string | null;
  external_id: string | null;
  created_at: Date;
}

export interface MergeRow {
  id: string;
  kind: 'merge' | 'unmerge';
  target_customer_id: string;
  source_customer_id: string;
  undoes_merge_id: string | null;
  identity_keys: { kind: string; value: string }[];
  ticket_ids: string[];
  actor_id: string;
  created_at: Date;
}

const CUSTOMER_COLUMNS = `c.id, c.name, c.tier, COALESCE(c.tier, co.tier, 'standard') AS effective_tier, c.region,
  c.company_id, c.merged_into_id, c.created_at, c.updated_at`;

export const toCustomerSummary = (r: CustomerRow): CustomerSummaryView => ({
  id: r.id,
  name: r.name,
  tier: r.tier,
  effectiveTier: r.effective_tier,
  region: r.region,
  companyId: r.company_id,
  mergedIntoId: r.merged_into_id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const toCompanyView = (r: CompanyRow): CompanyView => ({
  id: r.id,
  name: r.name,
  domain: r.domain,
  tier: r.tier,
  region: r.region,
  externalId: r.external_id,
  createdAt: r.created_at.toISOString(),
});

export const toMergeView = (r: MergeRow): CustomerMergeView => ({
  id: r.id,
  kind: r.kind,
  targetCustomerId: r.target_customer_id,
  sourceCustomerId: r.source_customer_id,
  undoesMergeId: r.undoes_merge_id,
  identities: r.identity_keys,
  ticketIds: r.ticket_ids,
  actorId: r.actor_id,
  createdAt: r.created_at.toISOString(),
});

export async function findCustomer(tx: SqlExecutor, tenantId: string, id: string): Promise<CustomerSummaryView | null> {
  const [row] = await tx.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers c LEFT JOIN companies co ON co.id = c.company_id
      WHERE c.tenant_id = $1 AND c.id = $2`,
    [tenantId, id],
  );
  return row ? toCustomerSummary(row) : null;
}

export async function findCompany(tx: SqlExecutor, tenantId: string, id: string): Promise<CompanyView | null> {
  const [row] = await tx.query<CompanyRow>(`SELECT * FROM companies WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return row ? toCompanyView(row) : null;
}

export async function findCustomerDetail(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
): Promise<CustomerDetailView | null> {
  const customer = await findCustomer(tx, tenantId, id);
  if (!customer) return null;
  const identities = await tx.query<CustomerIdentityView>(
    `SELECT kind, value, verified FROM customer_identities WHERE tenant_id = $1 AND customer_id = $2 ORDER BY kind, value`,
    [tenantId, id],
  );
  const [count] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tickets WHERE tenant_id = $1 AND customer_id = $2`,
    [tenantId, id],
  );
  const merges = await tx.query<MergeRow>(
    `SELECT * FROM customer_merges WHERE tenant_id = $1 AND (target_customer_id = $2 OR source_customer_id = $2)
      ORDER BY created_at, id`,
    [tenantId, id],
  );
  return {
    ...customer,
    company: customer.companyId ? await findCompany(tx, tenantId, customer.companyId) : null,
    identities,
    ticketCount: count?.n ?? 0,
    merges: merges.map(toMergeView),
  };
}

export interface CustomerSearch {
  readonly query?: string | undefined;
  readonly limit: number;
  /** The last id of the previous page. */
  readonly after?: string | undefined;
}

/** Customers (not merged away) whose name, email or phone contains the query, in id order, one page. */
export async function searchCustomers(
  tx: SqlExecutor,
  tenantId: string,
  search: CustomerSearch,
): Promise<{ customers: CustomerSummaryView[]; nextCursor: string | null }> {
  const pattern = search.query ? `%${search.query.toLowerCase().replace(/[\\%_]/g, '\\$&')}%` : null;
  const rows = await tx.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers c LEFT JOIN companies co ON co.id = c.company_id
      WHERE c.tenant_id = $1 AND c.merged_into_id IS NULL AND ($2::uuid IS NULL OR c.id > $2)
        AND ($3::text IS NULL OR lower(c.name) LIKE $3 OR EXISTS (
              SELECT 1 FROM customer_identities i
               WHERE i.customer_id = c.id AND i.kind IN ('email', 'phone') AND i.value LIKE $3))
      ORDER BY c.id LIMIT $4`,
    [tenantId, search.after ?? null, pattern, search.limit + 1],
  );
  const page = rows.slice(0, search.limit).map(toCustomerSummary);
  return { customers: page, nextCursor: rows.length > search.limit ? (page.at(-1)?.id ?? null) : null };
}

export interface CustomerPatch {
  readonly name?: string | undefined;
  /** null clears the customer's own tier, so its company's applies. */
  readonly tier?: string | null | undefined;
  readonly region?: string | null | undefined;
  readonly companyId?: string | null | undefined;
}

export async function updateCustomer(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
  patch: CustomerPatch,
): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE customers SET
        name = CASE WHEN $3 THEN $4 ELSE name END,
        tier = CASE WHEN $5 THEN $6 ELSE tier END,
        region = CASE WHEN $7 THEN $8 ELSE region END,
        company_id = CASE WHEN $9 THEN $10::uuid ELSE company_id END,
        updated_at = now()
      WHERE tenant_id = $1 AND id = $2 RETURNING id`,
    [
      tenantId,
      id,
      patch.name !== undefined,
      patch.name ?? null,
      patch.tier !== undefined,
      patch.tier ?? null,
      patch.region !== undefined,
      patch.region ?? null,
      patch.companyId !== undefined,
      patch.companyId ?? null,
    ],
  );
  return rows.length === 1;
}

export interface NewCompany {
  readonly name: string;
  readonly domain?: string | undefined;
  readonly tier?: string | undefined;
  readonly region?: string | undefined;
  readonly externalId?: string | undefined;
}

export async function insertCompany(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
  c: NewCompany,
): Promise<CompanyView> {
  const [row] = await tx.query<CompanyRow>(
    `INSERT INTO companies (id, tenant_id, name, domain, tier, region, external_id)
     VALUES ($1, $2, $3, $4, COALESCE($5, 'standard'), $6, $7) RETURNING *`,
    [id, tenantId, c.name, c.domain ?? null, c.tier ?? null, c.region ?? null, c.externalId ?? null],
  );
  if (!row) throw new Error('INSERT ... RETURNING gave no row');
  return toCompanyView(row);
}

export async function listCompanies(tx: SqlExecutor, tenantId: string): Promise<CompanyView[]> {
  const rows = await tx.query<CompanyRow>(`SELECT * FROM companies WHERE tenant_id = $1 ORDER BY name`, [tenantId]);
  return rows.map(toCompanyView);
}
