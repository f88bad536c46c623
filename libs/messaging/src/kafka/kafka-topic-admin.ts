import { Admin } from '@platformatic/kafka';
import type { KafkaClientOptions } from './kafka-client.options';

/** Creates missing topics; replication follows the broker's default.replication.factor. */
export class KafkaTopicAdmin {
  readonly #admin: Admin;

  constructor(client: KafkaClientOptions) {
    this.#admin = new Admin({ ...client });
  }

  async ensure(wireTopics: readonly string[], partitions: number): Promise<void> {
    const missing = await this.#missing(wireTopics);
    if (missing.length === 0) return;
    try {
      await this.#admin.createTopics({ topics: missing, partitions, replicas: -1 });
    } catch (error) {
      // Another process may have created some of them meanwhile ("already exists"): only a topic that
      // is still missing makes this a failure.
      if ((await this.#missing(missing)).length > 0) throw error;
    }
  }

  /** A metadata request that bypasses the client's cache, so it fails while no broker answers. */
  async ping(): Promise<void> {
    await this.#admin.metadata({ topics: [], forceUpdate: true, retries: 0 });
  }

  async close(): Promise<void> {
    await this.#admin.close();
  }

  async #missing(wireTopics: readonly string[]): Promise<string[]> {
    const existing = new Set(await this.#admin.listTopics());
    return [...new Set(wireTopics)].filter((topic) => !existing.has(topic));
  }
}
