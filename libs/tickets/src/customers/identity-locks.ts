import type { SqlExecutor } from '@switchboard/persistence';

export interface IdentityRef {
  readonly tenantId: string;
  readonly kind: string;
  readonly value: string;
}

// Postgres text cannot hold NUL, and the lock key only needs to be stable, so fields are joined by US.
const lockKeyOf = (i: IdentityRef): string => `${i.tenantId}\u001f${i.kind}\u001f${i.value}`;

/**
 * Takes a transaction advisory lock per identity, in sorted order, so that two ingest batches deciding
 * about the same new identity run one after the other and cannot deadlock. Take it before any row lock.
 */
export async function lockIdentities(tx: SqlExecutor, identities: readonly IdentityRef[]): Promise<void> {
  const keys = [...new Set(identities.map(lockKeyOf))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return;
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtextextended(k, 1764000000008))
       FROM unnest($1::text[]) WITH ORDINALITY AS u(k, ord) ORDER BY ord`,
    [keys],
  );
}
