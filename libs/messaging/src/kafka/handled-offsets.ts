import type { GroupAssignment } from '@platformatic/kafka';

interface Positioned {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

/**
 * Remembers per partition the offset after the last handled record. After a rebalance the client
 * re-fetches from the committed offsets while records fetched earlier are still buffered, so the
 * stream can deliver a record twice, or an already handled one after newer ones; such records and
 * those of partitions moved to another member (which reads them from the committed offset) are dropped.
 */
export class HandledOffsets {
  readonly #next = new Map<string, bigint>();

  unhandled<T extends Positioned>(records: readonly T[], assignments: readonly GroupAssignment[] | null): T[] {
    return records.filter(
      (record) => owns(assignments, record) && record.offset >= (this.#next.get(keyOf(record)) ?? -1n),
    );
  }

  markHandled(records: readonly Positioned[]): void {
    for (const record of records) {
      const key = keyOf(record);
      if (record.offset >= (this.#next.get(key) ?? -1n)) this.#next.set(key, record.offset + 1n);
    }
  }
}

/** Without a known assignment (mid-rebalance) every record is kept: a duplicate beats a loss. */
export function owns(assignments: readonly GroupAssignment[] | null, record: Omit<Positioned, 'offset'>): boolean {
  return (
    assignments === null || assignments.some((a) => a.topic === record.topic && a.partitions.includes(record.partition))
  );
}

const keyOf = (record: Positioned): string => `${record.topic}:${record.partition}`;
