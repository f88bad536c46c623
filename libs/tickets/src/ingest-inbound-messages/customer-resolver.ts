import type { SqlExecutor } from '@switchboard/persistence';
import type { IdentityClaim } from '../customers/identity-claims';
import { lockIdentities, type IdentityRef } from '../customers/identity-locks';
import { IngestRaceException, IngestRaceExceptionCode } from './ingest-race.exception';
import type { TenantMessage } from './plan-ingest';

export interface CustomerInfo {
  readonly id: string;
  /** The customer's tier, else its company's, else 'standard': what routing reads from the ticket. */
  readonly tier: string;
  readonly region: string | null;
}

interface StoredIdentity {
  readonly customerId: string;
  verified: boolean;
}

interface IdentityRow {
  tenant_id: string;
  kind: string;
  value: string;
  verified: boolean;
  customer_id: string;
  tier: string;
  region: string | null;
}

interface ResolutionWrites {
  readonly customers: { id: string; tenantId: string; name: string | null; region: string | null }[];
  readonly identities: { key: string; tenantId: string; claim: IdentityClaim; customerId: string }[];
  readonly verify: Set<string>;
}

const claimKey = (tenantId: string, c: { kind: string; value: string }): string =>
  `${tenantId}\u0000${c.kind}\u0000${c.value}`;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function findIdentities(
  tx: SqlExecutor,
  claims: readonly { tenantId: string; kind: string; value: string }[],
): Promise<{ identities: Map<string, StoredIdentity>; customers: Map<string, CustomerInfo> }> {
  const rows = await tx.query<IdentityRow>(
    `SELECT i.tenant_id, i.kind, i.value, i.verified, c.id AS customer_id,
            COALESCE(c.tier, co.tier, 'standard') AS tier, c.region
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(tenant_id, kind, value)
       JOIN customer_identities i USING (tenant_id, kind, value)
       JOIN customers c ON c.id = i.customer_id
       LEFT JOIN companies co ON co.id = c.company_id`,
    [claims.map((c) => c.tenantId), claims.map((c) => c.kind), claims.map((c) => c.value)],
  );
  const identities = new Map<string, StoredIdentity>();
  const customers = new Map<string, CustomerInfo>();
  for (const r of rows) {
    identities.set(claimKey(r.tenant_id, r), { customerId: r.customer_id, verified: r.verified });
    customers.set(r.customer_id, { id: r.customer_id, tier: r.tier, region: r.region });
  }
  return { identities, customers };
}

/**
 * Picks one message's customer (see docs/ticket-domain/customers-and-threading.md): a claim that is
 * stored already names its customer; when claims name different customers, a claim the channel
 * verified wins, then the strongest kind; customers are never joined automatically. A claim not yet
 * stored is attached to that customer only if it is verified AND the customer was reached through a
 * verified claim; with no stored claim at all, a new customer gets every claim.
 */
function decideCustomer(
  m: TenantMessage,
  known: Map<string, StoredIdentity>,
  customers: Map<string, CustomerInfo>,
  writes: ResolutionWrites,
  newId: () => string,
): CustomerInfo {
  const claims = m.identities.map((claim) => ({ claim, key: claimKey(m.tenantId, claim) }));
  const matched = claims.filter((c) => known.has(c.key));
  const anchor = matched.find((c) => c.claim.verified) ?? matched[0];
  const anchorIdentity = anchor ? known.get(anchor.key) : undefined;
  if (!anchor || !anchorIdentity) {
    const customer: CustomerInfo = { id: newId(), tier: 'standard', region: m.region };
    customers.set(customer.id, customer);
    writes.customers.push({ id: customer.id, tenantId: m.tenantId, name: m.customerName, region: m.region });
    for (const { claim, key } of claims) {
      writes.identities.push({ key, tenantId: m.tenantId, claim, customerId: customer.id });
      known.set(key, { customerId: customer.id, verified: claim.verified });
    }
    return customer;
  }
  const customerId = anchorIdentity.customerId;
  for (const { claim, key } of claims) {
    const stored = known.get(key);
    if (!stored && claim.verified && anchor.claim.verified) {
      writes.identities.push({ key, tenantId: m.tenantId, claim, customerId });
      known.set(key, { customerId, verified: true });
    } else if (stored && claim.verified && !stored.verified && stored.customerId === customerId) {
      stored.verified = true;
      writes.verify.add(key);
    }
  }
  const customer = customers.get(customerId);
  if (!customer) throw new Error(`customer ${customerId} of a stored identity was not loaded`);
  return customer;
}

async function write(tx: SqlExecutor, writes: ResolutionWrites): Promise<void> {
  if (writes.customers.length > 0) {
    await tx.query(
      `INSERT INTO customers (id, tenant_id, name, region)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])`,
      [
        writes.customers.map((c) => c.id),
        writes.customers.map((c) => c.tenantId),
        writes.customers.map((c) => c.name),
        writes.customers.map((c) => c.region),
      ],
    );
  }
  const identities = [...writes.identities].sort((a, b) => byText(a.key, b.key));
  if (identities.length > 0) {
    await tx.query(
      `INSERT INTO customer_identities (tenant_id, kind, value, customer_id, verified)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::boolean[])`,
      [
        identities.map((i) => i.tenantId),
        identities.map((i) => i.claim.kind),
        identities.map((i) => i.claim.value),
        identities.map((i) => i.customerId),
        identities.map((i) => i.claim.verified),
      ],
    );
  }
  const verify = [...writes.verify].sort(byText).map((k) => k.split('\u0000'));
  if (verify.length > 0) {
    await tx.query(
      `UPDATE customer_identities i SET verified = true
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(tenant_id, kind, value)
        WHERE (i.tenant_id, i.kind, i.value) = (k.tenant_id, k.kind, k.value)`,
      [verify.map((k) => k[0]), verify.map((k) => k[1]), verify.map((k) => k[2])],
    );
  }
}

/**
 * Reads the stored identities of every claim. Claims not stored yet are locked (advisory, sorted) and
 * read again, so two batches never create or attach one new identity twice; only new identities are
 * locked, which keeps the lock count of a batch small in steady state.
 */
async function findOrLockIdentities(
  tx: SqlExecutor,
  claims: ReadonlyMap<string, IdentityRef>,
): Promise<{ identities: Map<string, StoredIdentity>; customers: Map<string, CustomerInfo> }> {
  const found = await findIdentities(tx, [...claims.values()]);
  const missing = [...claims].filter(([key]) => !found.identities.has(key)).map(([, claim]) => claim);
  if (missing.length === 0) return found;
  await lockIdentities(tx, missing);
  const raced = await findIdentities(tx, missing);
  for (const [key, identity] of raced.identities) found.identities.set(key, identity);
  for (const [id, customer] of raced.customers) found.customers.set(id, customer);
  return found;
}

/**
 * Share-locks the existing customers the batch uses (in id order), so a manual merge of one of them
 * waits for the batch; one merged (or removed) while the batch read it fails the batch, and the retry
 * sees the change.
 */
export async function holdCustomers(tx: SqlExecutor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)].sort();
  const rows = await tx.query<{ id: string; merged_into_id: string | null }>(
    `SELECT id, merged_into_id FROM customers WHERE id = ANY($1::uuid[]) ORDER BY id FOR KEY SHARE`,
    [unique],
  );
  if (rows.length < unique.length)
    throw new IngestRaceException(
      IngestRaceExceptionCode.CustomerGone,
      'a customer of the batch was removed during the batch; retrying',
    );
  const merged = rows.find((r) => r.merged_into_id !== null);
  if (merged)
    throw new IngestRaceException(
      IngestRaceExceptionCode.CustomerMerged,
      `customer ${merged.id} was merged during the batch; retrying`,
    );
}

/** Resolves the customer of every message, in order (a claim attached by one message counts for the next). */
export async function resolveCustomers(
  tx: SqlExecutor,
  messages: readonly TenantMessage[],
  newId: () => string,
): Promise<CustomerInfo[]> {
  const claims = new Map<string, IdentityRef>();
  for (const m of messages)
    for (const c of m.identities) claims.set(claimKey(m.tenantId, c), { ...c, tenantId: m.tenantId });
  if (claims.size === 0) return [];
  const { identities: known, customers } = await findOrLockIdentities(tx, claims);
  const existing = [...customers.keys()];
  const writes: ResolutionWrites = { customers: [], identities: [], verify: new Set() };
  const resolved = messages.map((m) => decideCustomer(m, known, customers, writes, newId));
  await holdCustomers(tx, existing);
  await write(tx, writes);
  return resolved;
}
