import type { SqlExecutor } from '../sql-executor';
import type { OutboxPublisher } from './outbox-relay';

export interface PublishableOutboxRow {
  readonly id: string;
  readonly topic: string;
  readonly key: string;
  readonly value: Uint8Array;
  readonly headers: Record<string, string>;
}

/**
 * The one way outbox rows leave: grouped by topic, each topic's rows published in row order (topics
 * in parallel), then deleted. Both the writer's fast path and the relay use it.
 */
export async function publishAndDeleteOutboxRows(
  db: SqlExecutor,
  publish: OutboxPublisher,
  rows: readonly PublishableOutboxRow[],
): Promise<void> {
  const byTopic = new Map<string, PublishableOutboxRow[]>();
  for (const row of rows) {
    const list = byTopic.get(row.topic);
    if (list) list.push(row);
    else byTopic.set(row.topic, [row]);
  }
  await Promise.all(
    [...byTopic].map(([topic, list]) =>
      publish(
        topic,
        list.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      ),
    ),
  );
  await db.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
}
