import { faultScale, settleTimeoutMs } from './support/fault-scale';
import { FaultPipeline } from './support/fault-pipeline';
import { OwnKafkaBroker } from './support/kafka-broker';
import { ResilientPublisher } from './support/resilient-publisher';

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

  it('stores every message exactly once, routes every ticket and dead-letters none', async () => {
    const stream = pipeline.stream(MESSAGES, CONVERSATIONS);
    const publisher = new ResilientPublisher(pipeline.transport, stream, PER_SECOND);
    const publishing = publisher.run();
    await publisher.reached(Math.floor(MESSAGES / 3));
    broker.kill();
    await sleep(DOWN_MS);
    await broker.launch();
    await publishing;
    await pipeline.settle(MESSAGES, settleTimeoutMs(MESSAGES));
    await pipeline.settleRouting(120_000);
    const report = await pipeline.report('kafka broker kill -9', MESSAGES, publisher.retries, true);
    expect(report).toMatchObject({
      stored: MESSAGES,
      duplicates: 0,
      missing: 0,
      deadLettered: 0,
      unassignedOrQueued: 0,
      agentsOverCapacity: 0,
    });
  }, settleTimeoutMs(MESSAGES) + 300_000);
});
