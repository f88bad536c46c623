import { Consumer, MessagesStreamFallbackModes, MessagesStreamModes } from '@platformatic/kafka';
import type { MessagesStream, Offsets } from '@platformatic/kafka';
import type { ObservedSubscription } from '../observer/observe-batch';
import { BatchReader } from './batch-reader';
import { commitOffsetsOf } from './commit-offsets.util';
import { HandledOffsets } from './handled-offsets';
import type { KafkaClientOptions } from './kafka-client.options';
import type { KafkaMessage } from './kafka-record.mapper';
import type { KafkaLogger } from './kafka-transport.options';

export interface KafkaConsumerSessionOptions {
  readonly client: KafkaClientOptions;
  readonly groupId: string;
  readonly wireTopic: string;
  readonly maxBatchSize: number;
  /** Where a group with no committed offset starts. */
  readonly startFrom: 'earliest' | 'latest';
  readonly logger: KafkaLogger;
  readonly observed: ObservedSubscription;
}

/** How long one fetch may wait on the broker for data; also bounds how long closing waits for it. */
const fetchMaxWaitMs = 500;

/** Consumer lag is sampled with one ListOffsets request per member this often (only with an observer). */
const lagIntervalMs = 10_000;

/** One group member reading one topic: a consumer, its stream, and manual commits. */
export class KafkaConsumerSession {
  readonly #handled = new HandledOffsets();

  private constructor(
    private readonly consumer: Consumer,
    private readonly stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>,
    readonly reader: BatchReader<KafkaMessage>,
  ) {}

  /** Joins the group; reading starts at the group's committed offsets, or at `startFrom` where it has none. */
  static async open(options: KafkaConsumerSessionOptions): Promise<KafkaConsumerSession> {
    const { client, groupId, wireTopic, maxBatchSize, startFrom, logger } = options;
    const consumer = new Consumer({
      ...client,
      groupId,
      autocommit: false,
      sessionTimeout: 30_000,
      rebalanceTimeout: 60_000,
      heartbeatInterval: 3_000,
      maxWaitTime: fetchMaxWaitMs,
      highWaterMark: Math.max(1_024, maxBatchSize * 2),
    });
    // A failed background rejoin is emitted as 'error'; unheard, it would crash the process.
    consumer.on('error', (error: Error) => logger('error', 'kafka consumer error', { groupId, error }));
    try {
      const stream = await consumer.consume({
        topics: [wireTopic],
        autocommit: false,
        mode: MessagesStreamModes.COMMITTED,
        fallbackMode:
          startFrom === 'latest' ? MessagesStreamFallbackModes.LATEST : MessagesStreamFallbackModes.EARLIEST,
      });
      reportLag(consumer, wireTopic, options.observed);
      return new KafkaConsumerSession(consumer, stream, new BatchReader<KafkaMessage>(stream));
    } catch (error) {
      await forceClose(consumer).catch(() => undefined);
      throw error;
    }
  }

  /** The next batch of records this member owns and has not handled yet; null once stopped or failed. */
  async nextBatch(maxSize: number, maxWaitMs: number): Promise<KafkaMessage[] | null> {
    for (;;) {
      const batch = await this.reader.next(maxSize, maxWaitMs);
      if (batch === null) return null;
      const unhandled = this.#handled.unhandled(batch, this.consumer.assignments);
      if (unhandled.length > 0) return unhandled;
    }
  }

  async commit(messages: readonly KafkaMessage[]): Promise<void> {
    this.#handled.markHandled(messages);
    const offsets = commitOffsetsOf(messages, this.consumer.assignments);
    if (offsets.length > 0) await this.consumer.commit({ offsets });
  }

  /** Stops reading, then leaves the group so its partitions move to other members at once. */
  async close(): Promise<void> {
    this.reader.stop();
    this.consumer.stopLagMonitoring();
    try {
      await this.stream.close();
    } finally {
      await forceClose(this.consumer);
    }
  }
}

/** close(true) also closes open streams; its typings only promise a Promise for close() without force. */
function forceClose(consumer: Consumer): Promise<void> {
  return new Promise((resolve, reject) => {
    consumer.close(true, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * The client computes lag as the partition's end offset minus our committed offset (-1 for partitions
 * this member does not own); manual commits keep its committed offsets current.
 */
function reportLag(consumer: Consumer, wireTopic: string, observed: ObservedSubscription): void {
  const observer = observed.observer;
  if (!observer) return;
  consumer.on('consumer:lag', (lag: Offsets) => {
    (lag.get(wireTopic) ?? []).forEach((behind, partition) => {
      if (behind >= 0n) observer.consumerLag(observed.topic, observed.groupId, partition, Number(behind));
    });
  });
  consumer.on('consumer:lag:error', () => undefined);
  consumer.startLagMonitoring({ topics: [wireTopic] }, lagIntervalMs);
}
