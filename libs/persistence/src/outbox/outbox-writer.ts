import { withTraceContext } from '@switchboard/messaging';
import type { SqlExecutor } from '../sql-executor';

export interface OutboxEntry {
  readonly tenantId: string | null;
  readonly topic: string;
  readonly key: string;
  readonly payload: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An outbox row as written: once its transaction commits, the writer hands it to the flusher. */
export interface OutboxRow extends OutboxEntry {
  readonly id: string;
}

/**
 * Writes outbox rows in the caller's transaction, all in one statement, and returns them with their
 * ids. Ids come from one sequence in row order, so sorting them restores the entries' order.
 */
export async function appendToOutbox(tx: SqlExecutor, entries: readonly OutboxEntry[]): Promise<OutboxRow[]> {
  if (entries.length === 0) return [];
  // The trace of the change that wrote the rows, so the fast path and the relay publish them in it.
  const traced = entries.map((e) => ({ ...e, headers: withTraceContext(e.headers) ?? {} }));
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO outbox (tenant_id, topic, key, payload, headers)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[], $5::jsonb[]) RETURNING id`,
    [
      entries.map((e) => e.tenantId),
      entries.map((e) => e.topic),
      entries.map((e) => e.key),
      entries.map((e) => Buffer.from(e.payload.buffer, e.payload.byteOffset, e.payload.byteLength)),
      traced.map((e) => JSON.stringify(e.headers)),
    ],
  );
  const ids = inserted.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return traced.map((entry, i) => ({ ...entry, id: (ids[i] ?? 0n).toString() }));
}
