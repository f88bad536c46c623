import type { Config } from '@switchboard/config';
import { allTopics } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import { createTransport } from '@switchboard/messaging';
import { openDatabase } from '@switchboard/persistence';

export interface Prepared {
  readonly migrated: boolean;
  readonly topics: readonly string[];
}

/**
 * What a deployment does once before its services start (INIT_STEPS chooses): apply pending migrations (under the
 * advisory lock, so a second init waits and then finds nothing to do) and create every topic and its
 * DLQ with its configured partitions (KAFKA_PARTITIONS, KAFKA_TOPIC_PARTITIONS per topic). Existing
 * topics are left as they are: Kafka can only grow a topic's partitions, which is an operator's call
 * (it moves keys between partitions), see docs/deploy.md.
 */
export async function prepareDeployment(config: Config): Promise<Prepared> {
  const log = createLogger('init');
  if (config.init.migrations) {
    const database = await openDatabase(config, { runMigrations: true });
    await database.close();
    log.info('database migrated');
  }
  const topics = config.init.topics && config.kafka ? allTopics() : [];
  if (config.kafka && topics.length > 0) {
    const transport = createTransport(config, 'init');
    try {
      await transport.ensureTopics(topics);
    } finally {
      await transport.close();
    }
    log.info({ topics, partitions: config.kafka.partitions, perTopic: config.kafka.topicPartitions }, 'topics ready');
  }
  return { migrated: config.init.migrations, topics };
}
