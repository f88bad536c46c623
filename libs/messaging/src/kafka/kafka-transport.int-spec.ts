import { Admin } from '@platformatic/kafka';
import { dlqTopicOf, Headers } from '@switchboard/contracts';
import type { IncomingRecord } from '../transport';
import { createKafkaTransport } from './kafka-transport';
import { brokers, KafkaTestKit, outgoing, valueOf, waitFor } from './testing/kafka-test-kit';

const fastRetry = { maxAttempts: 2, initialBackoffMs: 10, maxBackoffMs: 10 };
const slow = 60_000;

describe('Kafka transport (real broker)', () => {
  let kit: KafkaTestKit;
  beforeEach(async () => {
    kit = new KafkaTestKit();
    await kit.transport.ensureTopics([kit.topic]);
  });
  afterEach(() => kit.close());

  it('creates prefixed topics and their DLQs with the configured partition count', async () => {
    const admin = new Admin({ clientId: 'messaging-int-spec', bootstrapBrokers: brokers });
    try {
      const wire = [kit.prefix + kit.topic, kit.prefix + dlqTopicOf(kit.topic)];
      const metadata = await admin.metadata({ topics: wire });
      expect(wire.map((topic) => metadata.topics.get(topic)?.partitionsCount)).toEqual([3, 3]);
    } finally {
      await admin.close();
    }
  });

  it('answers health() while the broker is reachable and rejects when it is not', async () => {
    await expect(kit.transport.health()).resolves.toBeUndefined();
    const unreachable = createKafkaTransport({ brokers: ['127.0.0.1:1'], clientId: 'messaging-int-spec' });
    try {
      await expect(unreachable.health()).rejects.toThrow();
    } finally {
      await unreachable.close();
    }
  });

  it('delivers key, value and headers under the logical topic name', async () => {
    await kit.transport.publish(kit.topic, [outgoing('hello', 'conversation-1', { [Headers.tenantId]: 'tenant-ä' })]);
    const { records } = await kit.collect({ topic: kit.topic, group: 'round-trip' });
    await waitFor('the record', () => records.length === 1);
    expect(records[0]).toMatchObject({
      topic: kit.topic,
      key: 'conversation-1',
      offset: 0n,
      headers: { [Headers.tenantId]: 'tenant-ä' },
    });
    expect(valueOf(records[0] as IncomingRecord)).toBe('hello');
  });

  it(
    "lets a new 'latest' group see only what is published after it joined",
    async () => {
      await kit.transport.publish(kit.topic, [outgoing('before', 'k')]);
      const { records } = await kit.collect({ topic: kit.topic, group: 'listener', startFrom: 'latest' });
      // The group resolves 'latest' on its first fetch; publish until the listener is provably live.
      const deadline = Date.now() + 30_000;
      while (records.length === 0 && Date.now() < deadline) {
        await kit.transport.publish(kit.topic, [outgoing('after', 'k')]);
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(records.length).toBeGreaterThan(0);
      expect(records.map(valueOf)).not.toContain('before');
    },
    slow,
  );

  it(
    'hands over many records per batch, never more than maxBatchSize, each record once',
    async () => {
      const published = Array.from({ length: 2_000 }, (_, i) => outgoing(`v${i}`, `key-${i % 10}`));
      await kit.transport.publish(kit.topic, published);
      const { records, batchSizes } = await kit.collect({ topic: kit.topic, group: 'batching', maxBatchSize: 300 });
      await waitFor('all records', () => records.length >= 2_000);
      expect(new Set(records.map(valueOf)).size).toBe(2_000);
      expect(records).toHaveLength(2_000);
      expect(Math.max(...batchSizes)).toBeGreaterThan(1);
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(300);
    },
    slow,
  );

  it(
    'commits only after the handler succeeded: a crash mid-batch redelivers, a success does not',
    async () => {
      const values = Array.from({ length: 10 }, (_, i) => `v${i}`);
      await kit.transport.publish(
        kit.topic,
        values.map((v) => outgoing(v)),
      );

      let started = (): void => undefined;
      const handlerStarted = new Promise<void>((resolve) => (started = resolve));
      let crash = (): void => undefined;
      const crashNow = new Promise<void>((resolve) => (crash = resolve));
      const crashing = await kit.collect({ topic: kit.topic, group: 'commit', retry: fastRetry }, async () => {
        started();
        await crashNow;
        throw new Error('process died');
      });
      await handlerStarted;
      const closed = crashing.subscription.close();
      crash();
      await closed;
      expect(crashing.records).toEqual([]);

      const second = await kit.collect({ topic: kit.topic, group: 'commit' });
      await waitFor('the redelivery', () => second.records.length >= values.length);
      expect(second.records.map(valueOf)).toEqual(values);
      await second.subscription.close();

      await kit.transport.publish(kit.topic, [outgoing('after')]);
      const third = await kit.collect({ topic: kit.topic, group: 'commit' });
      await waitFor('the new record', () => third.records.length >= 1);
      expect(third.records.map(valueOf)).toEqual(['after']);
    },
    slow,
  );

  it(
    'dead-letters exactly the record that keeps failing, with its error, and handles the others',
    async () => {
      const values = ['a', 'b', 'poison', 'c', 'd'];
      await kit.transport.publish(
        kit.topic,
        values.map((v) => outgoing(v, 'one-key')),
      );
      const main = await kit.collect({ topic: kit.topic, group: 'main', retry: fastRetry }, async (batch) => {
        if (batch.some((r) => valueOf(r) === 'poison')) throw new Error('cannot decode poison');
      });
      const dlq = await kit.collect({ topic: dlqTopicOf(kit.topic), group: 'dlq-reader' });

      await waitFor('the others and the dead letter', () => main.records.length >= 4 && dlq.records.length >= 1);
      await main.subscription.close();
      // Same key, same partition: once this marker arrives, every earlier dead letter has too.
      await kit.transport.publish(dlqTopicOf(kit.topic), [outgoing('marker', 'one-key')]);
      await waitFor('the marker', () => dlq.records.some((r) => valueOf(r) === 'marker'));

      expect(main.records.map(valueOf)).toEqual(['a', 'b', 'c', 'd']);
      expect(dlq.records.map(valueOf)).toEqual(['poison', 'marker']);
      expect(dlq.records[0]?.headers).toMatchObject({
        [Headers.dlqError]: 'cannot decode poison',
        [Headers.dlqErrorName]: 'Error',
        [Headers.dlqAttempts]: '2',
        [Headers.dlqOriginalTopic]: kit.topic,
        [Headers.dlqOriginalOffset]: '2',
      });
    },
    slow,
  );

  it(
    'keeps per-key order across many concurrent publishes and loses nothing',
    async () => {
      const keys = 20;
      const perCall = 100;
      const calls = 30;
      await Promise.all(
        Array.from({ length: calls }, (_, call) =>
          kit.transport.publish(
            kit.topic,
            Array.from({ length: perCall }, (_, i) => {
              const seq = call * perCall + i;
              return outgoing(String(seq), `key-${seq % keys}`);
            }),
          ),
        ),
      );
      const { records } = await kit.collect({ topic: kit.topic, group: 'order', maxBatchSize: 200 });
      await waitFor('every record', () => records.length >= calls * perCall);

      expect(new Set(records.map(valueOf)).size).toBe(calls * perCall);
      const byKey = new Map<string, number[]>();
      for (const record of records) byKey.set(record.key, [...(byKey.get(record.key) ?? []), Number(valueOf(record))]);
      for (const sequence of byKey.values()) expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
    },
    slow,
  );
});
