import type { SqlExecutor } from '@switchboard/persistence';
import { CustomerException, CustomerExceptionCode } from './customer.exception';
import type { MergeRow } from './customer.repository';

export interface IdentityKey {
  readonly kind: string;
  readonly value: string;
}

/**
 * Locks both customers (in id order, so two merges of one pair cannot deadlock) and checks they exist.
 * FOR UPDATE conflicts with the share lock an ingest batch holds on the customers it uses: the merge
 * waits for such a batch (and then moves its new tickets too), or the batch sees the merge and retries.
 */
export async function lockCustomerPair(
  tx: SqlExecutor,
  tenantId: string,
  ids: readonly [string, string],
): Promise<Map<string, { mergedIntoId: string | null }>> {
  const rows = await tx.query<{ id: string; merged_into_id: string | null }>(
    `SELECT id, merged_into_id FROM customers WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
    [tenantId, [...ids]],
  );
  const found = new Map(rows.map((r) => [r.id, { mergedIntoId: r.merged_into_id }]));
  for (const id of ids) {
    if (!found.has(id)) throw new CustomerException(CustomerExceptionCode.CustomerNotFound, `No customer ${id}.`);
  }
  return found;
}

/** Moves the given identities (all of `from`'s when `only` is null) that still belong to `from`. */
export async function moveIdentities(
  tx: SqlExecutor,
  tenantId: string,
  from: string,
  to: string,
  only: readonly IdentityKey[] | null,
): Promise<IdentityKey[]> {
  return tx.query<IdentityKey>(
    `UPDATE customer_identities i SET customer_id = $3
      WHERE i.tenant_id = $1 AND i.customer_id = $2
        AND ($4::boolean OR (i.kind, i.value) IN (SELECT * FROM unnest($5::text[], $6::text[])))
      RETURNING i.kind, i.value`,
    [tenantId, from, to, only === null, (only ?? []).map((k) => k.kind), (only ?? []).map((k) => k.value)],
  );
}

/** Moves the given tickets (all of `from`'s when `only` is null) that still belong to `from`. */
export async function moveTickets(
  tx: SqlExecutor,
  tenantId: string,
  from: string,
  to: string,
  only: readonly string[] | null,
): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE tickets SET customer_id = $3, version = version + 1, updated_at = now()
      WHERE tenant_id = $1 AND customer_id = $2 AND ($4::boolean OR id = ANY($5::uuid[]))
      RETURNING id`,
    [tenantId, from, to, only === null, only ?? []],
  );
  return rows.map((r) => r.id).sort();
}

export async function setMergedInto(tx: SqlExecutor, tenantId: string, id: string, into: string | null): Promise<void> {
  await tx.query(`UPDATE customers SET merged_into_id = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
    into,
  ]);
}

export async function insertMergeRecord(
  tx: SqlExecutor,
  record: Omit<MergeRow, 'created_at'> & { tenant_id: string },
): Promise<MergeRow> {
  const [row] = await tx.query<MergeRow>(
    `INSERT INTO customer_merges (id, tenant_id, kind, target_customer_id, source_customer_id, undoes_merge_id,
                                  identity_keys, ticket_ids, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::uuid[], $9) RETURNING *`,
    [
      record.id,
      record.tenant_id,
      record.kind,
      record.target_customer_id,
      record.source_customer_id,
      record.undoes_merge_id,
      JSON.stringify(record.identity_keys),
      record.ticket_ids,
      record.actor_id,
    ],
  );
  if (!row) throw new Error('INSERT ... RETURNING gave no row');
  return row;
}

/** The merge to undo, locked; refused when it is not this target's merge or was undone already. */
export async function lockMergeToUndo(
  tx: SqlExecutor,
  tenantId: string,
  targetId: string,
  mergeId: string,
): Promise<MergeRow> {
  const [merge] = await tx.query<MergeRow>(
    `SELECT * FROM customer_merges WHERE tenant_id = $1 AND id = $2 AND kind = 'merge' AND target_customer_id = $3
        FOR UPDATE`,
    [tenantId, mergeId, targetId],
  );
  if (!merge)
    throw new CustomerException(CustomerExceptionCode.MergeNotFound, `No merge ${mergeId} into customer ${targetId}.`);
  const undone = await tx.query(`SELECT 1 FROM customer_merges WHERE undoes_merge_id = $1`, [mergeId]);
  if (undone.length > 0)
    throw new CustomerException(CustomerExceptionCode.AlreadyUnmerged, `Merge ${mergeId} was undone already.`);
  return merge;
}

export async function tenantSlugOf(tx: SqlExecutor, tenantId: string): Promise<string> {
  const [row] = await tx.query<{ slug: string }>(`SELECT slug FROM tenants WHERE id = $1`, [tenantId]);
  if (!row) throw new Error(`tenant ${tenantId} does not exist`);
  return row.slug;
}
