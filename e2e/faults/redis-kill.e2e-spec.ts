import { faultScale, settleTimeoutMs } from './support/fault-scale';
import { FaultPipeline } from './support/fault-pipeline';
import { OwnRedisServer } from './support/redis-server';
import { ResilientPublisher } from './support/resilient-publisher';

const { messages: MESSAGES, perSecond: PER_SECOND } = faultScale(1_500, 150);
const CONVERSATIONS = 300;
const DOWN_MS = 5_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * (d) kill -9 Redis (the agents' capacity counters) while tickets are being routed, and start it again
 * empty: routing must neither lose a ticket nor assign an agent past their capacity once the counters
 * are gone.
 */
describe('fault: Redis killed and restarted empty while routing', () => {
  let redis: OwnRedisServer;
  let pipeline: FaultPipeline;

  beforeAll(async () => {
    redis = await OwnRedisServer.start();
    pipeline = await FaultPipeline.start('redis_kill', { REDIS_URL: redis.url });
    await pipeline.startService('ticket-service');
    await pipeline.startService('routing-service');
  }, 180_000);
  afterAll(async () => {
    await pipeline?.stop();
    await redis?.kill();
  }, 60_000);

  it('tickets every message once, routes every ticket, and keeps every agent within capacity', async () => {
    const stream = pipeline.stream(MESSAGES, CONVERSATIONS);
    const publisher = new ResilientPublisher(pipeline.transport, stream, PER_SECOND);
    const publishing = publisher.run();
    await publisher.reached(Math.floor(MESSAGES / 3));
    await redis.kill();
    await sleep(DOWN_MS);
    await redis.launch();
    await publishing;
    await pipeline.settle(MESSAGES, settleTimeoutMs(MESSAGES));
    await pipeline.settleRouting(120_000);
    const report = await pipeline.report('redis kill -9', MESSAGES, publisher.retries, true);
    expect(report).toMatchObject({
      stored: MESSAGES,
      duplicates: 0,
      missing: 0,
      deadLettered: 0,
      unassignedOrQueued: 0,
      agentsOverCapacity: 0,
    });
    expect(report.assigned).toBeGreaterThan(0);
  }, settleTimeoutMs(MESSAGES) + 300_000);
});
