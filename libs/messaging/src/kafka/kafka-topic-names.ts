import { dlqTopicOf } from '@switchboard/contracts';

const dlqSuffix = dlqTopicOf('');

/** Maps logical topic names to the names on the wire, which carry the optional tenant/test prefix. */
export class KafkaTopicNames {
  constructor(private readonly prefix: string) {}

  toWire(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  /** Each topic with its dead-letter companion, both on the wire; a DLQ topic gets no DLQ of its own. */
  withDeadLetters(topics: readonly string[]): string[] {
    const logical = topics.flatMap((topic) => (topic.endsWith(dlqSuffix) ? [topic] : [topic, dlqTopicOf(topic)]));
    return [...new Set(logical)].map((topic) => this.toWire(topic));
  }
}
