import type { InboundReceipt } from '@switchboard/contracts';

/**
 * A bounded LRU of receipts by message id. A Map iterates in insertion order, so the first key is
 * always the least recently used one: O(1) insert, lookup and eviction, no extra bookkeeping.
 */
export class RecentReceipts {
  private readonly entries = new Map<string, InboundReceipt>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(messageId: string): InboundReceipt | undefined {
    return this.entries.get(messageId);
  }

  /** Like get(), and marks the entry as recently used (for the status route, not the hot path). */
  touch(messageId: string): InboundReceipt | undefined {
    const receipt = this.entries.get(messageId);
    if (receipt) {
      this.entries.delete(messageId);
      this.entries.set(messageId, receipt);
    }
    return receipt;
  }

  set(receipt: InboundReceipt): void {
    if (this.entries.has(receipt.messageId)) this.entries.delete(receipt.messageId);
    this.entries.set(receipt.messageId, receipt);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
