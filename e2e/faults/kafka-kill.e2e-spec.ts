import { faultScale, settleTimeoutMs } from './support/fault-scale';
import { expectNothingLost } from './support/expect-nothing-lost';
import { FaultPipeline } from './support/fault-pipeline';
import { OwnKafkaBroker } from './support/kafka-broker';

const { messages: MESSAGES, perSecond: PER_SECOND } = faultScale(2_000, 200);
const CONVERSATIONS = 50;
const DOWN_MS = 5_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * (a) kill -9 the Kafka broker in the middle of the stream and start it again: the generator retries
 * what the broker did not acknowledge, the consumers rejoin, and each message is stored exactly once.
 */
describe('fault: Kafka broker killed and restarted mid-stream', () => {
  let broker: OwnKafkaBroker;
  let pipeline: FaultPipeline;

  beforeAll(async () => {
    broker = await OwnKafkaBroker.start();
    pipeline = await FaultPipeline.start('kafka_kill', { KAFKA_BROKERS: broker.bootstrap });
    await pipeline.startService('ticket-service');
    await pipeline.startService('routing-service');
  }, 300_000);
  afterAll(async () => {
    await pipeline?.stop();
    await broker?.destroy();
  }, 120_000);

  it(
    'stores every message exactly once, routes every ticket and dead-letters none',
    async () => {
      const plan = { messages: MESSAGES, conversations: CONVERSATIONS, perSecond: PER_SECOND, routing: true };
      const report = await pipeline.streamThrough('kafka broker kill -9', plan, async () => {
        broker.kill();
        await sleep(DOWN_MS);
        await broker.launch();
      });
      expectNothingLost(report);
    },
    settleTimeoutMs(MESSAGES) + 300_000,
  );
});
