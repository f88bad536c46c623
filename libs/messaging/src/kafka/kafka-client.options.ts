import type { KafkaTransportOptions } from './kafka-transport.options';

/** The connection settings every @platformatic/kafka client of one transport shares. */
export interface KafkaClientOptions {
  readonly clientId: string;
  readonly bootstrapBrokers: string[];
  readonly connectTimeout: number;
  readonly timeout: number;
}

export function kafkaClientOptions(options: KafkaTransportOptions): KafkaClientOptions {
  return {
    clientId: options.clientId,
    bootstrapBrokers: [...options.brokers],
    connectTimeout: 5_000,
    timeout: 10_000,
  };
}
