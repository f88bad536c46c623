import type { KafkaMessageToProduce } from './kafka-record.mapper';

export type SendMessages = (messages: KafkaMessageToProduce[]) => Promise<void>;

export interface SizedMessage {
  readonly message: KafkaMessageToProduce;
  readonly size: number;
}

interface Entry {
  readonly messages: KafkaMessageToProduce[];
  readonly size: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Stays under the broker's default message.max.bytes (1 MiB) for the record batch of any one partition. */
const defaultMaxRequestBytes = 900_000;

/**
 * Sends one produce request at a time and folds everything published meanwhile into the next one.
 * Why: @platformatic/kafka stamps idempotent sequence numbers when it builds a request and advances
 * them only on the response, so two concurrent send() calls to one partition reuse a sequence and
 * the broker acknowledges the second as a duplicate without writing it (platformatic/kafka#326).
 * Folding also gives large produce batches for free, which is where the throughput comes from.
 */
export class ProduceQueue {
  readonly #entries: Entry[] = [];
  #draining: Promise<void> | null = null;

  constructor(
    private readonly send: SendMessages,
    private readonly maxRequestBytes = defaultMaxRequestBytes,
  ) {}

  enqueue(messages: readonly SizedMessage[]): Promise<void> {
    const chunks = this.#chunk(messages).map(
      (chunk) =>
        new Promise<void>((resolve, reject) => {
          this.#entries.push({ messages: chunk.map((m) => m.message), size: sizeOf(chunk), resolve, reject });
        }),
    );
    this.#draining ??= this.#drain();
    return Promise.all(chunks).then(() => undefined);
  }

  /** Resolves once everything enqueued so far has been sent (or failed). */
  async idle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#entries.length > 0) {
        const group = this.#takeGroup();
        try {
          await this.send(group.flatMap((entry) => entry.messages));
          for (const entry of group) entry.resolve();
        } catch (error) {
          for (const entry of group) entry.reject(error);
        }
      }
    } finally {
      this.#draining = null;
    }
  }

  #takeGroup(): Entry[] {
    const group: Entry[] = [];
    let size = 0;
    for (const entry of this.#entries) {
      if (group.length > 0 && size + entry.size > this.maxRequestBytes) break;
      group.push(entry);
      size += entry.size;
    }
    this.#entries.splice(0, group.length);
    return group;
  }

  #chunk(messages: readonly SizedMessage[]): SizedMessage[][] {
    const chunks: SizedMessage[][] = [];
    let current: SizedMessage[] = [];
    let size = 0;
    for (const message of messages) {
      if (current.length > 0 && size + message.size > this.maxRequestBytes) {
        chunks.push(current);
        current = [];
        size = 0;
      }
      current.push(message);
      size += message.size;
    }
    if (current.length > 0) chunks.push(current);
    return chunks;
  }
}

function sizeOf(messages: readonly SizedMessage[]): number {
  return messages.reduce((total, m) => total + m.size, 0);
}
