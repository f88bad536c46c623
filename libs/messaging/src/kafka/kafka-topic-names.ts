import { dlqTopicOf } from '@switchboard/contracts';

const dlqSuffix = dlqTopicOf('');

/** Maps logical topic names to the names on the wire, which carry the optional tenant/test prefix. */
export class KafkaTopicNames {
  constructor(private readonly prefix: string) {}

  toWire(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  /**
   * Consumer groups carry the prefix too: two deployments (or test runs) sharing a cluster must not
   * share a group, or each one's members join the other's rebalances and stall its consumption.
   */
  groupOnWire(groupId: string): string {
    return `${this.prefix}${groupId}`;
  }

  /** Each topic with its dead-letter companion, both on the wire; a DLQ topic gets no DLQ of its own. */
  withDeadLetters(topics: readonly string[]): string[] {
    const logical = topics.flatMap((topic) => (topic.endsWith(dlqSuffix) ? [topic] : [topic, dlqTopicOf(topic)]));
    return [...new Set(logical)].map((topic) => this.toWire(topic));
  }
}
