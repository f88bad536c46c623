import { randomUUID } from 'node:crypto';
import { Admin } from '@platformatic/kafka';
import type {
  BatchHandler,
  IncomingRecord,
  OutgoingRecord,
  SubscribeOptions,
  Subscription,
  Transport,
} from '../../transport';
import { createKafkaTransport } from '../kafka-transport';

export const brokers = (process.env['TEST_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

const text = new TextEncoder();
const utf8 = new TextDecoder();

export const outgoing = (value: string, key = 'k', headers: Record<string, string> = {}): OutgoingRecord => ({
  key,
  value: text.encode(value),
  headers,
});

export const valueOf = (record: IncomingRecord): string => utf8.decode(record.value);

/** Polls until the condition holds; a generous bound only turns a hang into a readable failure. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Collector {
  readonly records: IncomingRecord[];
  readonly batchSizes: number[];
  readonly subscription: Subscription;
}

/** One Kafka transport per test, on topics of its own; close() also deletes those topics. */
export class KafkaTestKit {
  readonly prefix = `it-${randomUUID().slice(0, 8)}-`;
  readonly transport: Transport = createKafkaTransport({
    brokers,
    clientId: 'messaging-int-spec',
    topicPrefix: this.prefix,
    partitions: 3,
  });
  readonly topic = `orders.v1`;
  readonly group = (name: string): string => `${this.prefix}${name}`;

  /** Subscribes with a handler that records every batch it gets, after `before` accepted it. */
  async collect(
    options: Omit<SubscribeOptions, 'handler' | 'groupId'> & { group: string },
    before: BatchHandler = async () => undefined,
  ): Promise<Collector> {
    const records: IncomingRecord[] = [];
    const batchSizes: number[] = [];
    const subscription = await this.transport.subscribe({
      ...options,
      groupId: this.group(options.group),
      handler: async (batch) => {
        const result = await before(batch);
        batchSizes.push(batch.length);
        records.push(...batch);
        return result;
      },
    });
    return { records, batchSizes, subscription };
  }

  async close(): Promise<void> {
    await this.transport.close();
    const admin = new Admin({ clientId: 'messaging-int-spec-cleanup', bootstrapBrokers: brokers });
    try {
      const mine = (await admin.listTopics()).filter((topic) => topic.startsWith(this.prefix));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine });
    } finally {
      await admin.close();
    }
  }
}
