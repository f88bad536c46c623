import { faultScale, settleTimeoutMs } from './support/fault-scale';
import { expectNothingLost } from './support/expect-nothing-lost';
import { FaultPipeline } from './support/fault-pipeline';
import { OwnRedisServer } from './support/redis-server';

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

  it(
    'tickets every message once, routes every ticket, and keeps every agent within capacity',
    async () => {
      const plan = { messages: MESSAGES, conversations: CONVERSATIONS, perSecond: PER_SECOND, routing: true };
      const report = await pipeline.streamThrough('redis kill -9', plan, async () => {
        await redis.kill();
        await sleep(DOWN_MS);
        await redis.launch();
      });
      expectNothingLost(report);
    },
    settleTimeoutMs(MESSAGES) + 300_000,
  );
});
