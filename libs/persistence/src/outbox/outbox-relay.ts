import type { Logger } from '@switchboard/logger';
import type { Database } from '../sql-executor';
import { publishAndDeleteOutboxRows } from './publish-outbox-rows';

/** Where the relay hands rows: the messaging transport's publish, resolved after the broker's ack. */
export type OutboxPublisher = (
  topic: string,
  records: { key: string; value: Uint8Array; headers: Record<string, string> }[],
) => Promise<void>;

interface StoredOutboxRow {
  id: string;
  topic: string;
  key: string;
  payload: Buffer;
  headers: Record<string, string>;
}

/** Any fixed number: one relay at a time per database keeps each ticket's events in order. */
const RELAY_LOCK_KEY = 7_346_112_908;

export interface OutboxRelayOptions {
  readonly batchSize?: number;
  /** Rows younger than this are left to the writer's fast path (OutboxFlusher). */
  readonly staleAfterMs?: number;
  readonly idlePollMs?: number;
  readonly lockRetryMs?: number;
}

/**
 * The outbox's safety net: publishes committed rows the fast path did not (a crash, a broker outage),
 * in id order, then deletes them. At-least-once: a crash between publish and delete publishes the
 * rows again, and every consumer is idempotent.
 */
export class OutboxRelay {
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly db: Database,
    private readonly publish: OutboxPublisher,
    private readonly log: Logger,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    // An embedded database belongs to this one process: no other relay can exist, so no lock.
    if (this.db.embedded) return this.relayWhileRunning();
    const runner = this.db.dataSource.createQueryRunner();
    try {
      while (this.running && !(await this.tryLock(runner))) await this.sleep(this.options.lockRetryMs ?? 1_000);
      await this.relayWhileRunning();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [RELAY_LOCK_KEY]).catch(() => undefined);
      await runner.release();
    }
  }

  private async relayWhileRunning(): Promise<void> {
    while (this.running) {
      try {
        const sent = await this.relayOnce();
        if (sent < (this.options.batchSize ?? 1_000)) await this.sleep(this.options.idlePollMs ?? 500);
      } catch (error) {
        this.log.error({ err: error }, 'outbox relay failed; retrying');
        await this.sleep(500);
      }
    }
  }

  private async tryLock(runner: { query: (sql: string, params: unknown[]) => Promise<unknown> }): Promise<boolean> {
    const rows = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK_KEY])) as {
      locked: boolean;
    }[];
    return rows[0]?.locked === true;
  }

  /** One round: read a batch, publish it topic by topic in id order, delete it. Returns rows sent. */
  async relayOnce(): Promise<number> {
    const rows = await this.db.query<StoredOutboxRow>(
      `SELECT id, topic, key, payload, headers FROM outbox
        WHERE created_at < now() - make_interval(secs => $2::double precision / 1000)
        ORDER BY id LIMIT $1`,
      [this.options.batchSize ?? 1_000, this.options.staleAfterMs ?? 3_000],
    );
    if (rows.length === 0) return 0;
    await publishAndDeleteOutboxRows(
      this.db,
      this.publish,
      rows.map((r) => ({ id: r.id, topic: r.topic, key: r.key, value: new Uint8Array(r.payload), headers: r.headers })),
    );
    return rows.length;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
