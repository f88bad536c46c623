import type { Logger } from '@switchboard/logger';
import type { Database } from '../sql-executor';
import type { OutboxPublisher } from './outbox-relay';
import type { OutboxRow } from './outbox-writer';

/**
 * The outbox's fast path: right after a commit, the writer's own process publishes the rows it just
 * wrote (it still holds them in memory) and deletes them. Publishing is in row order per topic. When
 * it fails, the rows stay and the relay publishes them later: at-least-once either way.
 */
export class OutboxFlusher {
  private readonly inFlight = new Set<Promise<void>>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly publish: OutboxPublisher,
    private readonly log: Logger,
  ) {}

  /** Queues committed rows; flushes run one after another so a process's rows leave in commit order. */
  flush(rows: readonly OutboxRow[]): void {
    if (rows.length === 0) return;
    const run = this.chain.then(() => this.flushNow(rows));
    this.chain = run;
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async flushNow(rows: readonly OutboxRow[]): Promise<void> {
    const started = performance.now();
    try {
      const byTopic = new Map<string, OutboxRow[]>();
      for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
      await Promise.all(
        [...byTopic].map(([topic, list]) =>
          this.publish(
            topic,
            list.map((r) => ({ key: r.key, value: r.payload, headers: { ...(r.headers ?? {}) } })),
          ),
        ),
      );
      const published = performance.now();
      await this.db.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      this.log.debug(
        {
          rows: rows.length,
          publishMs: Math.round(published - started),
          deleteMs: Math.round(performance.now() - published),
        },
        'outbox rows flushed',
      );
    } catch (error) {
      this.log.warn({ err: error, rows: rows.length }, 'outbox fast path failed; the relay will publish these rows');
    }
  }
}
