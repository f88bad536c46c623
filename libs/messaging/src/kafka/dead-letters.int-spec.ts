import { dlqTopicOf, Headers } from '@switchboard/contracts';
import { toDeadLetter } from '../retry/handle-with-retry';
import type { IncomingRecord } from '../transport';
import { listDeadLetters, replayDeadLetters } from './dead-letters';
import type { DeadLetter } from './dead-letters';
import { brokers, KafkaTestKit, valueOf, waitFor } from './testing/kafka-test-kit';

const slow = 60_000;

const failed = (offset: number, value: string): IncomingRecord => ({
  topic: 'orders.v1',
  partition: 1,
  offset: BigInt(offset),
  key: 'conversation-7',
  value: new TextEncoder().encode(value),
  headers: { [Headers.tenantId]: 'tenant-1' },
  timestamp: 0,
});

describe('dead-letter list and replay (real broker)', () => {
  let kit: KafkaTestKit;
  const options = () => ({ brokers, clientId: 'dlq-int-spec', topicPrefix: kit.prefix });
  const list = async (): Promise<DeadLetter[]> => {
    const letters: DeadLetter[] = [];
    await listDeadLetters(options(), kit.topic, (letter) => letters.push(letter));
    return letters;
  };

  beforeEach(async () => {
    kit = new KafkaTestKit();
    await kit.transport.ensureTopics([kit.topic]);
    await kit.transport.publish(
      dlqTopicOf(kit.topic),
      ['p0', 'p1', 'p2'].map((value, i) => toDeadLetter(failed(10 + i, value), new Error(`cannot decode ${value}`), 5)),
    );
  });
  afterEach(() => kit.close());

  it(
    'lists every dead letter with its error and original position, and commits nothing',
    async () => {
      const letters = await list();
      expect(letters.map((l) => Buffer.from(l.valueBase64, 'base64').toString())).toEqual(['p0', 'p1', 'p2']);
      expect(letters[0]).toMatchObject({
        offset: '0',
        key: 'conversation-7',
        error: { message: 'cannot decode p0', name: 'Error', attempts: '5' },
        original: { topic: 'orders.v1', partition: '1', offset: '10' },
        headers: { [Headers.tenantId]: 'tenant-1' },
      });
      expect(Object.keys(letters[0]?.headers ?? {})).toEqual([Headers.tenantId]);
      expect(await list()).toHaveLength(3);
    },
    slow,
  );

  it(
    'replays to the original topic without DLQ headers, each dead letter once, honouring --limit',
    async () => {
      const { records } = await kit.collect({ topic: kit.topic, group: 'main' });
      expect(await replayDeadLetters(options(), kit.topic, 2)).toBe(2);
      await waitFor('the first two replayed', () => records.length >= 2);
      expect(await replayDeadLetters(options(), kit.topic)).toBe(1);
      expect(await replayDeadLetters(options(), kit.topic)).toBe(0);
      await waitFor('the third replayed', () => records.length >= 3);

      expect(records.map(valueOf)).toEqual(['p0', 'p1', 'p2']);
      expect(records.map((r) => r.key)).toEqual(['conversation-7', 'conversation-7', 'conversation-7']);
      for (const record of records) expect(record.headers).toEqual({ [Headers.tenantId]: 'tenant-1' });
      // A sentinel after the replays: once it arrived, a duplicate replay would have arrived before it.
      await kit.transport.publish(kit.topic, [{ key: 'conversation-7', value: new TextEncoder().encode('end') }]);
      await waitFor('the sentinel', () => records.some((r) => valueOf(r) === 'end'));
      expect(records.map(valueOf)).toEqual(['p0', 'p1', 'p2', 'end']);
      expect(await list()).toHaveLength(3);
    },
    slow,
  );
});
