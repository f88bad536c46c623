export type KafkaLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Called for the transport's own events (retries, commit failures, consumer restarts). */
export type KafkaLogger = (level: KafkaLogLevel, message: string, context?: Readonly<Record<string, unknown>>) => void;

export interface KafkaTransportOptions {
  /** host:port of at least one broker, e.g. ['127.0.0.1:9092']. */
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Prepended to every topic and consumer group name on the wire (e.g. `t123-`); handlers only ever see logical names. */
  readonly topicPrefix?: string;
  /** Partition count for topics created by ensureTopics. */
  readonly partitions?: number;
  /** Partition counts of single topics (logical names; their DLQs get the same), overriding `partitions`. */
  readonly topicPartitions?: Readonly<Record<string, number>>;
  readonly logger?: KafkaLogger;
}

export const kafkaDefaults = {
  partitions: 6,
  maxBatchSize: 500,
  maxWaitMs: 20,
} as const;

export const silentLogger: KafkaLogger = () => undefined;
