import type { Config } from '@switchboard/config';
import { createLogger } from '@switchboard/logger';
import { InProcessTransport } from './in-process/in-process-transport';
import { createKafkaTransport } from './kafka';
import type { Transport } from './transport';

/** The one place that picks the transport: Kafka in the distributed mode, in-process when embedded. */
export function createTransport(config: Config, clientId: string): Transport {
  const log = createLogger('Transport');
  if (!config.kafka) return new InProcessTransport(log);
  return createKafkaTransport({
    brokers: config.kafka.brokers,
    clientId: `${clientId}-${config.instanceId}`,
    topicPrefix: config.kafka.topicPrefix,
    partitions: config.kafka.partitions,
    topicPartitions: config.kafka.topicPartitions,
    logger: (level, message, context) => log[level](context ?? {}, message),
  });
}
