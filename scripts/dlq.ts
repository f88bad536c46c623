/**
 * `npm run dlq -- list <topic>`: prints every dead letter of <topic> (read from `<prefix><topic>.dlq`
 * from the beginning) as one JSON line with its error headers and offset.
 * `npm run dlq -- replay <topic> [--limit N]`: republishes dead letters not replayed before to <topic>
 * (original value, key and headers, without the DLQ ones) and commits them for the `dlq-replay` group.
 * Kafka from KAFKA_BROKERS (default 127.0.0.1:9092) and KAFKA_TOPIC_PREFIX, as the services use them.
 */
import { envSchema } from '@switchboard/config';
import { allTopics } from '@switchboard/contracts';
import { listDeadLetters, replayDeadLetters } from '@switchboard/messaging';
import type { KafkaTransportOptions } from '@switchboard/messaging';

const usage = 'usage: npm run dlq -- list <topic> | replay <topic> [--limit N]';

interface Command {
  readonly action: 'list' | 'replay';
  readonly topic: string;
  readonly limit?: number;
}

function parseArgs(args: readonly string[]): Command {
  const [action, topic, flag, value] = args;
  if ((action !== 'list' && action !== 'replay') || !topic) throw new Error(usage);
  if (!allTopics().includes(topic)) throw new Error(`unknown topic ${topic}; one of: ${allTopics().join(', ')}`);
  if (flag === undefined) return { action, topic };
  const limit = Number(value);
  if (action !== 'replay' || flag !== '--limit' || !Number.isInteger(limit) || limit < 1) throw new Error(usage);
  return { action, topic, limit };
}

function kafkaOptions(): KafkaTransportOptions {
  const env = envSchema.pick({ KAFKA_BROKERS: true, KAFKA_TOPIC_PREFIX: true }).parse(process.env);
  return {
    brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim()),
    clientId: 'switchboard-dlq',
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
  };
}

async function main(): Promise<void> {
  const command = parseArgs(process.argv.slice(2));
  const options = kafkaOptions();
  if (command.action === 'list') {
    const count = await listDeadLetters(options, command.topic, (letter) => {
      process.stdout.write(`${JSON.stringify(letter)}\n`);
    });
    process.stderr.write(`${count} dead letter(s) in ${command.topic}.dlq\n`);
    return;
  }
  const count = await replayDeadLetters(options, command.topic, command.limit);
  process.stderr.write(`replayed ${count} dead letter(s) to ${command.topic}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
