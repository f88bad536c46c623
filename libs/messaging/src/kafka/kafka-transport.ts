import { tracedRecord } from '../tracing/trace-context';
import type { OutgoingRecord, SubscribeOptions, Subscription, Transport } from '../transport';
import { kafkaClientOptions } from './kafka-client.options';
import { KafkaPublisher } from './kafka-publisher';
import { KafkaSubscription } from './kafka-subscription';
import { KafkaTopicAdmin } from './kafka-topic-admin';
import { KafkaTopicNames } from './kafka-topic-names';
import { kafkaDefaults, silentLogger } from './kafka-transport.options';
import type { KafkaTransportOptions } from './kafka-transport.options';

/** The Transport on Apache Kafka via @platformatic/kafka: one producer, one admin, a consumer per subscription. */
export function createKafkaTransport(options: KafkaTransportOptions): Transport {
  const client = kafkaClientOptions(options);
  const names = new KafkaTopicNames(options.topicPrefix ?? '');
  const logger = options.logger ?? silentLogger;
  const publisher = new KafkaPublisher(client);
  const admin = new KafkaTopicAdmin(client);
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const publish = (topic: string, records: readonly OutgoingRecord[]): Promise<void> =>
    publisher.publish(names.toWire(topic), records.map(tracedRecord));

  return {
    kind: 'kafka',

    ensureTopics: async (topics) => {
      const partitionsOf = (topic: string): number =>
        options.topicPartitions?.[topic] ?? options.partitions ?? kafkaDefaults.partitions;
      const byCount = new Map<number, string[]>();
      for (const topic of topics)
        byCount.set(partitionsOf(topic), [...(byCount.get(partitionsOf(topic)) ?? []), topic]);
      for (const [count, group] of byCount) await admin.ensure(names.withDeadLetters(group), count);
    },

    publish,

    async subscribe(subscribe: SubscribeOptions): Promise<Subscription> {
      if (closed) throw new Error('kafka transport is closed');
      const started = await Promise.allSettled(
        Array.from({ length: Math.max(1, subscribe.concurrency ?? 1) }, () =>
          KafkaSubscription.start({
            client,
            wireTopic: names.toWire(subscribe.topic),
            subscribe: { ...subscribe, groupId: names.groupOnWire(subscribe.groupId) },
            publish,
            logger,
            observed: { observer: subscribe.observer, topic: subscribe.topic, groupId: subscribe.groupId },
          }),
        ),
      );
      const members = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const failure = started.find((s) => s.status === 'rejected');
      if (failure) {
        await Promise.allSettled(members.map((member) => member.close()));
        throw failure.reason instanceof Error ? failure.reason : new Error(String(failure.reason));
      }
      for (const member of members) subscriptions.add(member);
      return {
        close: async () => {
          for (const member of members) subscriptions.delete(member);
          await Promise.all(members.map((member) => member.close()));
        },
      };
    },

    health: () => admin.ping(),

    async close(): Promise<void> {
      closed = true;
      // Consumers first: their last batches may still write dead letters through the producer.
      await Promise.allSettled([...subscriptions].map((subscription) => subscription.close()));
      subscriptions.clear();
      await Promise.allSettled([publisher.close(), admin.close()]);
    },
  };
}
