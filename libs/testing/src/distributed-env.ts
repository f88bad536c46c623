import { randomBytes, randomUUID } from 'node:crypto';

/** The machine's Kafka broker, unless the run names another. */
export const kafkaBrokers = (): string => process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';

/**
 * The environment of a distributed-mode run against this machine's Kafka and Redis, isolated from
 * every other run by a fresh topic, consumer-group and key prefix (`<label>-<id>`), with its own
 * signing secret. Callers add ports and service-specific settings.
 */
export function distributedEnv(label: string, databaseUrl: string): Record<string, string> {
  const prefix = `${label}-${randomUUID().slice(0, 8)}`;
  return {
    SWITCHBOARD_MODE: 'distributed',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: kafkaBrokers(),
    KAFKA_TOPIC_PREFIX: `${prefix}.`,
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: prefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
  };
}
