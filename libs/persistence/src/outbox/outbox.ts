import { createLogger } from '@switchboard/logger';
import type { Database } from '../sql-executor';
import { OutboxFlusher } from './outbox-flusher';
import { OutboxRelay, type OutboxPublisher } from './outbox-relay';
import type { OutboxRow } from './outbox-writer';

export interface RunningOutbox {
  /** Hand over the rows of a committed transaction: they are published at once (fast path). */
  flush(rows: readonly OutboxRow[]): void;
  stop(): Promise<void>;
}

/** A process's outbox: the fast path for its own commits, and the relay for whatever was left behind. */
export function startOutbox(db: Database, publish: OutboxPublisher): RunningOutbox {
  const flusher = new OutboxFlusher(db, publish, createLogger('OutboxFlusher'));
  const relay = new OutboxRelay(db, publish, createLogger('OutboxRelay'));
  relay.start();
  return {
    flush: (rows) => flusher.flush(rows),
    stop: async () => {
      await flusher.stop();
      await relay.stop();
    },
  };
}
