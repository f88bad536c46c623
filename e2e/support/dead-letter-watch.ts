import { Headers } from '@switchboard/contracts';
import type { IncomingRecord, Subscription, Transport } from '@switchboard/messaging';

const SENTINEL_HEADER = 'x-test-sentinel';

/** What a dead letter says about itself: which record, and why it was given up on. */
export interface DeadLetterSummary {
  readonly key: string;
  readonly error: string | undefined;
  readonly errorName: string | undefined;
  readonly attempts: string | undefined;
}

const summary = (record: IncomingRecord): DeadLetterSummary => ({
  key: record.key,
  error: record.headers[Headers.dlqError],
  errorName: record.headers[Headers.dlqErrorName],
  attempts: record.headers[Headers.dlqAttempts],
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads a dead-letter topic from its beginning with a fresh consumer group, for the whole test.
 * `proveRead()` makes "nothing was dead-lettered" a fact instead of an assumption: it publishes
 * sentinels with many keys, so that every partition gets one, and waits until each was read back, so
 * every letter written before them has been read too.
 */
export class DeadLetterWatch {
  private readonly letters: DeadLetterSummary[] = [];
  private readonly sentinelPartitions = new Map<string, number>();
  private subscription: Subscription | undefined;

  private constructor(
    private readonly transport: Transport,
    private readonly topic: string,
    private readonly runId: string,
  ) {}

  static async start(transport: Transport, topic: string, runId: string): Promise<DeadLetterWatch> {
    const watch = new DeadLetterWatch(transport, topic, runId);
    watch.subscription = await transport.subscribe({
      topic,
      groupId: `dlq-watch-${runId}`,
      startFrom: 'earliest',
      handler: async (records) => watch.take(records),
    });
    return watch;
  }

  /** The dead letters read so far (sentinels excluded). */
  get deadLetters(): readonly DeadLetterSummary[] {
    return this.letters;
  }

  /** Publishes `keys` sentinels and waits until every one was read back; resolves with the partitions they covered. */
  async proveRead(keys: number, timeoutMs: number): Promise<number> {
    const names = Array.from({ length: keys }, (_, i) => `sentinel-${this.runId}-${i}`);
    await this.transport.publish(
      this.topic,
      names.map((key) => ({ key, value: new TextEncoder().encode(key), headers: { [SENTINEL_HEADER]: this.runId } })),
    );
    const deadline = Date.now() + timeoutMs;
    while (names.some((key) => !this.sentinelPartitions.has(key))) {
      if (Date.now() > deadline)
        throw new Error(`only ${this.sentinelPartitions.size} of ${keys} sentinels read back from ${this.topic}`);
      await sleep(100);
    }
    return new Set(this.sentinelPartitions.values()).size;
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }

  private take(records: readonly IncomingRecord[]): Promise<void> {
    for (const record of records) {
      if (record.headers[SENTINEL_HEADER] === this.runId) this.sentinelPartitions.set(record.key, record.partition);
      else this.letters.push(summary(record));
    }
    return Promise.resolve();
  }
}
