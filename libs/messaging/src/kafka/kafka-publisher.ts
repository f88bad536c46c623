import { compatibilityPartitioner, ProduceAcks, Producer } from '@platformatic/kafka';
import type { OutgoingRecord } from '../transport';
import type { KafkaClientOptions } from './kafka-client.options';
import { estimatedSize, toKafkaMessage } from './kafka-record.mapper';
import { ProduceQueue } from './produce-queue';

/** One long-lived idempotent producer (acks=all) shared by every publish and every DLQ write. */
export class KafkaPublisher {
  readonly #producer: Producer;
  readonly #queue: ProduceQueue;

  constructor(client: KafkaClientOptions) {
    this.#producer = new Producer({
      ...client,
      idempotent: true,
      acks: ProduceAcks.ALL,
      // The Java client's partitioner, so other producers put a key on the same partition as we do.
      partitioner: compatibilityPartitioner,
      // The client retries an idempotent producer forever by default; publish must fail instead.
      retries: 10,
      retryDelay: 300,
    });
    this.#queue = new ProduceQueue(async (messages) => {
      await this.#producer.send({ messages });
    });
  }

  async publish(wireTopic: string, records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.#queue.enqueue(
      records.map((record) => ({ message: toKafkaMessage(wireTopic, record), size: estimatedSize(record) })),
    );
  }

  async close(): Promise<void> {
    await this.#queue.idle();
    await this.#producer.close();
  }
}
