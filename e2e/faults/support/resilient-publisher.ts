import { Topics, encodeInboundMessage, type InboundMessage } from '@switchboard/contracts';
import type { Transport } from '@switchboard/messaging';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The generator: publishes at a steady rate, in order per conversation, as a channel would, and like a
 * channel whose client retries it publishes a message again until the broker acknowledges it (a
 * publish that failed ambiguously may land twice: the ticket service must still store it once).
 */
export class ResilientPublisher {
  published = 0;
  retries = 0;
  private readonly waiters: { count: number; done: () => void }[] = [];

  constructor(
    private readonly transport: Transport,
    private readonly messages: readonly InboundMessage[],
    private readonly perSecond: number,
    private readonly batchSize = 20,
  ) {}

  async run(): Promise<void> {
    const started = performance.now();
    for (let i = 0; i < this.messages.length; i += this.batchSize) {
      const wait = started + (i * 1_000) / this.perSecond - performance.now();
      if (wait > 0) await sleep(wait);
      await this.publishUntilAcknowledged(this.messages.slice(i, i + this.batchSize));
      this.published = Math.min(this.messages.length, i + this.batchSize);
      for (const waiter of this.waiters.filter((w) => w.count <= this.published)) waiter.done();
    }
  }

  /** Resolves once `count` messages are acknowledged (run() must be running). */
  reached(count: number): Promise<void> {
    if (this.published >= count) return Promise.resolve();
    return new Promise((done) => this.waiters.push({ count, done }));
  }

  private async publishUntilAcknowledged(batch: readonly InboundMessage[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.transport.publish(
          Topics.inboundMessages,
          batch.map((m) => ({ key: m.conversationKey, value: encodeInboundMessage(m) })),
        );
        return;
      } catch {
        this.retries += 1;
        await sleep(Math.min(2_000, 100 * 2 ** attempt));
      }
    }
  }
}
