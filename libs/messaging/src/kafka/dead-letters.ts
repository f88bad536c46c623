import { randomUUID } from 'node:crypto';
import { Admin } from '@platformatic/kafka';
import { dlqTopicOf, Headers } from '@switchboard/contracts';
import type { OutgoingRecord } from '../transport';
import { readUpToEnd } from './dead-letter-reader';
import { kafkaClientOptions } from './kafka-client.options';
import { KafkaPublisher } from './kafka-publisher';
import type { KafkaMessage } from './kafka-record.mapper';
import { toIncomingRecord } from './kafka-record.mapper';
import { KafkaTopicNames } from './kafka-topic-names';
import type { KafkaTransportOptions } from './kafka-transport.options';

/** One dead letter as `npm run dlq -- list` prints it (one JSON line each). */
export interface DeadLetter {
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly timestamp: string;
  readonly error: {
    readonly message: string;
    readonly name: string;
    readonly attempts: string;
    readonly failedAt: string;
  };
  readonly original: { readonly topic: string; readonly partition: string; readonly offset: string };
  /** The record's own headers, without the DLQ ones. */
  readonly headers: Readonly<Record<string, string>>;
  readonly valueBase64: string;
}

/** The consumer group whose commits remember what was replayed, so nothing is replayed twice. */
export const DLQ_REPLAY_GROUP = 'dlq-replay';

const dlqHeaders = new Set<string>([
  Headers.dlqError,
  Headers.dlqErrorName,
  Headers.dlqAttempts,
  Headers.dlqOriginalTopic,
  Headers.dlqOriginalPartition,
  Headers.dlqOriginalOffset,
  Headers.dlqFailedAt,
]);

function withoutDlqHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !dlqHeaders.has(name)));
}

export function describeDeadLetter(topic: string, message: KafkaMessage): DeadLetter {
  const record = toIncomingRecord(dlqTopicOf(topic), message);
  const h = record.headers;
  return {
    partition: record.partition,
    offset: record.offset.toString(),
    key: record.key,
    timestamp: new Date(record.timestamp).toISOString(),
    error: {
      message: h[Headers.dlqError] ?? '',
      name: h[Headers.dlqErrorName] ?? '',
      attempts: h[Headers.dlqAttempts] ?? '',
      failedAt: h[Headers.dlqFailedAt] ?? '',
    },
    original: {
      topic: h[Headers.dlqOriginalTopic] ?? topic,
      partition: h[Headers.dlqOriginalPartition] ?? '',
      offset: h[Headers.dlqOriginalOffset] ?? '',
    },
    headers: withoutDlqHeaders(h),
    valueBase64: Buffer.from(record.value).toString('base64'),
  };
}

/** Every dead letter of `topic` (read from `<prefix><topic>.dlq` from the beginning); commits nothing. */
export async function listDeadLetters(
  options: KafkaTransportOptions,
  topic: string,
  onLetter: (letter: DeadLetter) => void,
): Promise<number> {
  const names = new KafkaTopicNames(options.topicPrefix ?? '');
  const client = kafkaClientOptions(options);
  const group = names.groupOnWire(`dlq-list-${randomUUID()}`);
  try {
    return await readUpToEnd(client, names.toWire(dlqTopicOf(topic)), group, Number.MAX_SAFE_INTEGER, async (batch) => {
      for (const message of batch) onLetter(describeDeadLetter(topic, message));
    });
  } finally {
    const admin = new Admin({ ...client });
    await admin.deleteGroups({ groups: [group] }).catch(() => undefined);
    await admin.close();
  }
}

/**
 * Republishes dead letters not replayed before to `topic` (value, key and the record's own headers),
 * then commits them for the `dlq-replay` group. A crash between the two replays those again (at least
 * once), which the consumers' idempotency absorbs.
 */
export async function replayDeadLetters(
  options: KafkaTransportOptions,
  topic: string,
  limit = Number.MAX_SAFE_INTEGER,
): Promise<number> {
  const names = new KafkaTopicNames(options.topicPrefix ?? '');
  const client = kafkaClientOptions(options);
  const publisher = new KafkaPublisher(client);
  try {
    const group = names.groupOnWire(DLQ_REPLAY_GROUP);
    return await readUpToEnd(client, names.toWire(dlqTopicOf(topic)), group, limit, async (batch, commit) => {
      const records: OutgoingRecord[] = batch.map((message) => {
        const record = toIncomingRecord(topic, message);
        return { key: record.key, value: record.value, headers: withoutDlqHeaders(record.headers) };
      });
      await publisher.publish(names.toWire(topic), records);
      await commit();
    });
  } finally {
    await publisher.close();
  }
}
