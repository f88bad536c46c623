import type { Readable } from 'node:stream';

/**
 * Pulls items from a paused object-mode stream in batches: whatever is buffered at once, then up to
 * `maxWaitMs` more for the batch to fill. Reading in paused mode is also the backpressure: the
 * Kafka stream stops fetching while its buffer is full and we are busy handling.
 */
export class BatchReader<T> {
  #wake: (() => void) | null = null;
  #ended = false;
  #stopped = false;
  #failure: Error | undefined;

  constructor(private readonly stream: Readable) {
    stream.on('readable', () => this.#notify());
    const end = (): void => {
      this.#ended = true;
      this.#notify();
    };
    stream.once('end', end);
    stream.once('close', end);
    stream.on('error', (error: Error) => {
      this.#failure ??= error;
      end();
    });
  }

  /** Why the stream ended on its own, if it failed. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Makes a pending and every later next() resolve with null. */
  stop(): void {
    this.#stopped = true;
    this.#notify();
  }

  /** The next batch of 1..maxSize items, or null once stopped or the stream has ended. */
  async next(maxSize: number, maxWaitMs: number): Promise<T[] | null> {
    const batch: T[] = [];
    this.#drainInto(batch, maxSize);
    while (batch.length === 0) {
      if (this.#done()) return null;
      await this.#waitForData();
      this.#drainInto(batch, maxSize);
    }
    const deadline = Date.now() + maxWaitMs;
    while (batch.length < maxSize && !this.#done()) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await this.#waitForData(left);
      this.#drainInto(batch, maxSize);
    }
    return this.#stopped ? null : batch;
  }

  #done(): boolean {
    return this.#stopped || this.#ended;
  }

  #drainInto(batch: T[], maxSize: number): void {
    while (batch.length < maxSize) {
      const item: unknown = this.stream.read();
      if (item === null) return;
      batch.push(item as T);
    }
  }

  #waitForData(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.#notify(), timeoutMs);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
