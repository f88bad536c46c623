import type { IncomingRecord, OutgoingRecord } from '../transport';

/** Records kept for a topic nobody consumes yet (e.g. a DLQ), so memory stays bounded. */
const UNCONSUMED_RETENTION = 100_000;

interface GroupCursor {
  next: number;
  wake?: () => void;
}

/** One topic's in-memory log: an append-only array of records with a cursor per consumer group. */
export class TopicLog {
  private records: IncomingRecord[] = [];
  private baseOffset = 0;
  private readonly groups = new Map<string, GroupCursor>();

  constructor(private readonly topic: string) {}

  append(records: readonly OutgoingRecord[]): void {
    const now = Date.now();
    for (const record of records) {
      this.records.push({
        topic: this.topic,
        partition: 0,
        offset: BigInt(this.baseOffset + this.records.length),
        key: record.key,
        value: record.value,
        headers: { ...(record.headers ?? {}) },
        timestamp: now,
      });
    }
    for (const group of this.groups.values()) group.wake?.();
    this.trim();
  }

  join(groupId: string, startFrom: 'earliest' | 'latest'): void {
    if (this.groups.has(groupId)) throw new Error(`group ${groupId} already consumes ${this.topic} in this process`);
    this.groups.set(groupId, { next: startFrom === 'latest' ? this.endOffset() : this.baseOffset });
  }

  leave(groupId: string): void {
    this.groups.get(groupId)?.wake?.();
    this.groups.delete(groupId);
    this.trim();
  }

  /** Up to max records after the group's cursor; waits until there is at least one or wake() is called. */
  async take(groupId: string, max: number): Promise<IncomingRecord[]> {
    const group = this.cursor(groupId);
    if (group.next >= this.endOffset()) {
      await new Promise<void>((resolve) => {
        group.wake = resolve;
      });
      group.wake = undefined;
    }
    const start = group.next - this.baseOffset;
    return this.records.slice(start, start + max);
  }

  commit(groupId: string, nextOffset: number): void {
    this.cursor(groupId).next = nextOffset;
    this.trim();
  }

  private cursor(groupId: string): GroupCursor {
    const group = this.groups.get(groupId);
    if (!group) throw new Error(`group ${groupId} does not consume ${this.topic}`);
    return group;
  }

  private endOffset(): number {
    return this.baseOffset + this.records.length;
  }

  private trim(): void {
    const cursors = [...this.groups.values()].map((g) => g.next);
    const keepFrom = cursors.length > 0 ? Math.min(...cursors) : this.endOffset() - UNCONSUMED_RETENTION;
    const drop = keepFrom - this.baseOffset;
    if (drop <= 0) return;
    this.records = this.records.slice(drop);
    this.baseOffset += drop;
  }
}
