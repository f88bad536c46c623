import type { Logger } from '@switchboard/logger';
import type { Database } from '../sql-executor';
import type { OutboxPublisher } from './outbox-relay';
import type { OutboxRow } from './outbox-writer';
import { publishAndDeleteOutboxRows } from './publish-outbox-rows';

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
      await publishAndDeleteOutboxRows(
        this.db,
        this.publish,
        rows.map((r) => ({
          id: r.id,
          topic: r.topic,
          key: r.key,
          value: r.payload,
          headers: { ...(r.headers ?? {}) },
        })),
      );
      this.log.debug({ rows: rows.length, ms: Math.round(performance.now() - started) }, 'outbox rows flushed');
    } catch (error) {
      this.log.warn({ err: error, rows: rows.length }, 'outbox fast path failed; the relay will publish these rows');
    }
  }
}
