import { outgoing, valueOf, waitFor, KafkaTestKit, type Collector } from './testing/kafka-test-kit';

const slow = 90_000;
const PARTITIONS = [0, 1, 2];

/** The partition each handled key went to: the producer's partitioner is stable per key. */
function keyPerPartition(collectors: readonly Collector[]): Map<number, string> {
  const keys = new Map<number, string>();
  for (const record of collectors.flatMap((c) => c.records))
    if (!keys.has(record.partition)) keys.set(record.partition, record.key);
  return keys;
}

/** Which members handled the probe `<round>-<partition>`, by partition ('first', 'second'). */
function probeHandlers(
  round: string,
  members: Readonly<Record<string, Collector>>,
): Map<number, { member: string; partition: number }[]> {
  const handlers = new Map<number, { member: string; partition: number }[]>();
  for (const [member, { records }] of Object.entries(members))
    for (const record of records) {
      const [probeRound, target] = valueOf(record).split('@');
      if (probeRound !== round) continue;
      const partition = Number(target);
      handlers.set(partition, [...(handlers.get(partition) ?? []), { member, partition: record.partition }]);
    }
  return handlers;
}

describe('Kafka consumer group rebalance (real broker)', () => {
  let kit: KafkaTestKit;
  beforeEach(async () => {
    kit = new KafkaTestKit();
    await kit.transport.ensureTopics([kit.topic]);
  });
  afterEach(() => kit.close());

  /** Publishes one probe per partition (value `<round>@<partition>`, on a key of that partition). */
  const publishProbes = (round: string, keys: ReadonlyMap<number, string>): Promise<void> =>
    kit.transport.publish(
      kit.topic,
      PARTITIONS.map((p) => outgoing(`${round}@${p}`, keys.get(p) ?? '')),
    );

  it(
    'splits the partitions with a member that joins mid-stream, and hands the leaver’s partitions to the survivor',
    async () => {
      const total = 3_000;
      const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));
      const publishing = (async () => {
        for (let i = 0; i < total; i += 100) {
          const chunk = Array.from({ length: 100 }, (_, j) => outgoing(String(i + j), `key-${(i + j) % 30}`));
          await kit.transport.publish(kit.topic, chunk);
        }
      })();
      const first = await kit.collect({ topic: kit.topic, group: 'shared', maxBatchSize: 100 }, pause);
      await waitFor('the first member to start', () => first.records.length > 0);
      const second = await kit.collect({ topic: kit.topic, group: 'shared', maxBatchSize: 100 }, pause);
      await publishing;
      const handled = (): Set<string> => new Set([...first.records, ...second.records].map(valueOf));
      await waitFor('every record of the stream', () => handled().size >= total);
      expect(new Set([...handled()].filter((v) => /^\d+$/.test(v)))).toEqual(
        new Set(Array.from({ length: total }, (_, i) => String(i))),
      );

      const keys = keyPerPartition([first, second]);
      expect([...keys.keys()].sort()).toEqual(PARTITIONS);
      // Until the second member has handled something its join may still be in flight: probe until it has.
      for (let round = 0; second.records.length === 0; round += 1) {
        if (round > 100) throw new Error('the second member never got a partition');
        await publishProbes(`warm-${round}`, keys);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }

      // After the join: every partition has exactly one owner, and each member owns some.
      await publishProbes('joined', keys);
      await waitFor('the probes after the join', () => probeHandlers('joined', { first, second }).size === 3);
      const joined = probeHandlers('joined', { first, second });
      const owner = new Map(PARTITIONS.map((p) => [p, joined.get(p)?.map((h) => h.member)]));
      for (const p of PARTITIONS) {
        expect(joined.get(p)).toEqual([{ member: owner.get(p)?.[0], partition: p }]);
      }
      const secondsPartitions = PARTITIONS.filter((p) => owner.get(p)?.[0] === 'second');
      const firstsPartitions = PARTITIONS.filter((p) => owner.get(p)?.[0] === 'first');
      expect(secondsPartitions.length).toBeGreaterThan(0);
      expect(firstsPartitions.length).toBeGreaterThan(0);

      // The second member leaves: what is published to its partitions afterwards reaches the first.
      await second.subscription.close();
      const handledBySecond = second.records.length;
      await publishProbes('left', keys);
      await waitFor(
        'the survivor to take over every partition',
        () => probeHandlers('left', { first }).size === PARTITIONS.length,
      );
      const left = probeHandlers('left', { first, second });
      expect(secondsPartitions.every((p) => left.has(p))).toBe(true);
      // A redelivery after the leave's rebalance may repeat a probe (a duplicate beats a loss), but only the survivor has it.
      for (const p of PARTITIONS)
        expect(new Set(left.get(p)?.map((h) => `${h.member}@${h.partition}`))).toEqual(new Set([`first@${p}`]));
      expect(second.records).toHaveLength(handledBySecond);
    },
    slow,
  );
});
