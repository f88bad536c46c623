import { Consumer, ListOffsetTimestamps, MessagesStreamFallbackModes, MessagesStreamModes } from '@platformatic/kafka';
import type { MessagesStream } from '@platformatic/kafka';
import { BatchReader } from './batch-reader';
import { commitOffsetsOf } from './commit-offsets.util';
import type { KafkaClientOptions } from './kafka-client.options';
import type { KafkaMessage } from './kafka-record.mapper';

/** Called with each batch read; may commit it. */
export type DeadLetterBatchHandler = (messages: readonly KafkaMessage[], commit: () => Promise<void>) => Promise<void>;

/**
 * Reads one topic as a group, from the group's committed offsets (earliest without), up to the end
 * each partition had when reading started, then stops: a bounded read for an operator's command,
 * where the consumer loop of a service reads forever.
 */
export async function readUpToEnd(
  client: KafkaClientOptions,
  wireTopic: string,
  groupId: string,
  limit: number,
  onBatch: DeadLetterBatchHandler,
): Promise<number> {
  const consumer = new Consumer({ ...client, groupId, autocommit: false, maxWaitTime: 200 });
  let stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  try {
    const ends = await pendingEnds(consumer, wireTopic);
    if (ends.size === 0 || limit <= 0) return 0;
    stream = await consumer.consume({
      topics: [wireTopic],
      autocommit: false,
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: MessagesStreamFallbackModes.EARLIEST,
    });
    return await readBatches(new BatchReader<KafkaMessage>(stream), ends, limit, async (messages) => {
      await onBatch(messages, async () => {
        const offsets = commitOffsetsOf(messages, consumer.assignments);
        if (offsets.length > 0) await consumer.commit({ offsets });
      });
    });
  } finally {
    await stream?.close().catch(() => undefined);
    await consumer.close(true);
  }
}

async function readBatches(
  reader: BatchReader<KafkaMessage>,
  ends: Map<number, bigint>,
  limit: number,
  onBatch: (messages: readonly KafkaMessage[]) => Promise<void>,
): Promise<number> {
  let count = 0;
  while (ends.size > 0 && count < limit) {
    const batch = await reader.next(Math.min(500, limit - count), 100);
    if (batch === null) throw reader.failure ?? new Error('dead-letter stream ended early');
    const wanted = batch.filter((m) => m.offset < (ends.get(m.partition) ?? -1n));
    for (const m of batch) if (m.offset + 1n >= (ends.get(m.partition) ?? -1n)) ends.delete(m.partition);
    if (wanted.length === 0) continue;
    await onBatch(wanted);
    count += wanted.length;
  }
  return count;
}

/** Per partition with something to read: the end offset (exclusive) as of now. */
async function pendingEnds(consumer: Consumer, wireTopic: string): Promise<Map<number, bigint>> {
  const latest = (await consumer.listOffsets({ topics: [wireTopic] })).get(wireTopic) ?? [];
  const earliest =
    (await consumer.listOffsets({ topics: [wireTopic], timestamp: ListOffsetTimestamps.EARLIEST })).get(wireTopic) ??
    [];
  const partitions = latest.map((_, partition) => partition);
  const committed =
    (await consumer.listCommittedOffsets({ topics: [{ topic: wireTopic, partitions }] })).get(wireTopic) ?? [];
  const ends = new Map<number, bigint>();
  for (const partition of partitions) {
    const end = latest[partition] ?? 0n;
    const own = committed[partition] ?? -1n;
    const start = own >= 0n ? own : (earliest[partition] ?? 0n);
    if (end > start) ends.set(partition, end);
  }
  return ends;
}
