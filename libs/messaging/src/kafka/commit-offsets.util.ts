import type { CommitOptionsPartition, GroupAssignment } from '@platformatic/kafka';
import { owns } from './handled-offsets';

interface Positioned {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

/**
 * Kafka's committed offset is the next one to read: last handled offset + 1, per partition.
 * Partitions this member no longer owns after a rebalance are left to their new owner.
 */
export function commitOffsetsOf(
  records: readonly Positioned[],
  assignments: readonly GroupAssignment[] | null,
): CommitOptionsPartition[] {
  const next = new Map<string, CommitOptionsPartition>();
  for (const { topic, partition, offset } of records) {
    const key = `${topic}:${partition}`;
    const known = next.get(key);
    if (!known || known.offset <= offset) {
      next.set(key, { topic, partition, offset: offset + 1n, leaderEpoch: -1 });
    }
  }
  return [...next.values()].filter((commit) => owns(assignments, commit));
}
