import { Channel, type InboundReceipt } from '@switchboard/contracts';
import { RecentReceipts } from './recent-receipts';

export interface ReceiptWaiterOptions {
  /** How long a request waits for its receipt; 0 answers at once. */
  readonly timeoutMs: number;
  /** Receipts kept for late waiters and the status route. */
  readonly capacity?: number;
  /** Monotonic milliseconds; injectable for tests. */
  readonly now?: () => number;
}

type Settle = (receipt: InboundReceipt | undefined) => void;

interface Pending {
  readonly deadline: number;
  readonly settle: Settle;
}

export const DEFAULT_RECENT_RECEIPTS = 50_000;

/**
 * Correlates receipts with the requests waiting for them, by message id. Every waiter has the same
 * timeout, so Map insertion order is also deadline order: one timer serves all waiters (no
 * per-request timer), expiry walks from the head and stops at the first live waiter.
 */
export class ReceiptWaiter {
  private readonly pending = new Map<string, Pending>();
  private readonly recent: RecentReceipts;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: ReceiptWaiterOptions) {
    this.recent = new RecentReceipts(options.capacity ?? DEFAULT_RECENT_RECEIPTS);
    this.now = options.now ?? (() => performance.now());
  }

  get waiting(): number {
    return this.pending.size;
  }

  /**
   * Register BEFORE publishing: the receipt can come back before publish() resolves. Resolves with
   * the receipt, or undefined on timeout, cancel() or close().
   */
  wait(messageId: string): Promise<InboundReceipt | undefined> {
    const seen = this.recent.get(messageId);
    if (seen || this.closed || this.options.timeoutMs <= 0) return Promise.resolve(seen);
    return new Promise((settle) => {
      this.pending.set(messageId, { deadline: this.now() + this.options.timeoutMs, settle });
      this.timer ??= this.schedule(this.options.timeoutMs);
    });
  }

  /** The publish failed: nobody will answer, let the waiter go. */
  cancel(messageId: string): void {
    this.settle(messageId, undefined);
  }

  /** A receipt from the bus. Web receipts (and any someone here waits for) are kept for lookups. */
  deliver(receipt: InboundReceipt): void {
    const waited = this.settle(receipt.messageId, receipt);
    if (waited || receipt.channel === Channel.WEB) this.recent.set(receipt);
  }

  lookup(messageId: string): InboundReceipt | undefined {
    return this.recent.touch(messageId);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.pending.values()) waiter.settle(undefined);
    this.pending.clear();
    this.recent.clear();
  }

  private settle(messageId: string, receipt: InboundReceipt | undefined): boolean {
    const waiter = this.pending.get(messageId);
    if (!waiter) return false;
    this.pending.delete(messageId);
    waiter.settle(receipt);
    return true;
  }

  private schedule(delayMs: number): NodeJS.Timeout {
    const timer = setTimeout(this.expire, Math.max(1, Math.ceil(delayMs)));
    timer.unref();
    return timer;
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    const now = this.now();
    for (const [messageId, waiter] of this.pending) {
      if (waiter.deadline > now) {
        this.timer = this.schedule(waiter.deadline - now);
        return;
      }
      this.pending.delete(messageId);
      waiter.settle(undefined);
    }
  };
}
