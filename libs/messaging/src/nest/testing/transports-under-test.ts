import { Admin } from '@platformatic/kafka';
import { InProcessTransport } from '../../in-process/in-process-transport';
import { brokers, KafkaTestKit } from '../../kafka/testing/kafka-test-kit';
import type { IncomingRecord, Transport } from '../../transport';

/** One transport per test; committed() is the number of records a group committed (Kafka only). */
export interface TransportUnderTest {
  readonly transport: Transport;
  committed(groupId: string, topic: string): Promise<number | null>;
  close(): Promise<void>;
}

export function inProcess(): TransportUnderTest {
  const transport = new InProcessTransport();
  return { transport, committed: async () => null, close: () => transport.close() };
}

export function kafka(): TransportUnderTest {
  const kit = new KafkaTestKit();
  return {
    transport: kit.transport,
    close: () => kit.close(),
    async committed(groupId, topic) {
      const admin = new Admin({ clientId: 'messaging-nest-int-spec', bootstrapBrokers: brokers });
      try {
        const [group] = await admin.listConsumerGroupOffsets({ groups: [kit.group(groupId)] });
        const partitions = group?.topics.find((t) => t.name === kit.prefix + topic)?.partitions ?? [];
        return partitions.reduce((sum, p) => sum + Math.max(0, Number(p.committedOffset)), 0);
      } finally {
        await admin.close();
      }
    },
  };
}

/** Every record of a topic a plain subscription sees (used to read the DLQ). */
export async function reader(transport: Transport, topic: string, groupId: string): Promise<IncomingRecord[]> {
  const seen: IncomingRecord[] = [];
  await transport.subscribe({ topic, groupId, handler: async (records) => void seen.push(...records) });
  return seen;
}
