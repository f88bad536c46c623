import type { SqlExecutor } from '../sql-executor';

export interface OutboxEntry {
  readonly tenantId: string | null;
  readonly topic: string;
  readonly key: string;
  readonly payload: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Writes outbox rows in the caller's transaction, all in one statement. */
export async function appendToOutbox(tx: SqlExecutor, entries: readonly OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO outbox (tenant_id, topic, key, payload, headers)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[], $5::jsonb[])`,
    [
      entries.map((e) => e.tenantId),
      entries.map((e) => e.topic),
      entries.map((e) => e.key),
      entries.map((e) => Buffer.from(e.payload.buffer, e.payload.byteOffset, e.payload.byteLength)),
      entries.map((e) => JSON.stringify(e.headers ?? {})),
    ],
  );
}
