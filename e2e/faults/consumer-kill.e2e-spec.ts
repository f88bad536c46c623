import { faultScale, settleTimeoutMs } from './support/fault-scale';
import { expectNothingLost } from './support/expect-nothing-lost';
import { FaultPipeline } from './support/fault-pipeline';

const { messages: MESSAGES, perSecond: PER_SECOND } = faultScale(2_000, 200);
const CONVERSATIONS = 50;

/**
 * (c) kill -9 a ticket-service consumer in the middle of the stream (mid-batch: it is ingesting at 200
 * messages a second) and start another: the new member re-reads what the dead one had not committed,
 * and deduplication must store each message exactly once.
 */
describe('fault: ticket-service killed mid-batch and replaced', () => {
  let pipeline: FaultPipeline;

  beforeAll(async () => {
    pipeline = await FaultPipeline.start('consumer_kill');
    await pipeline.startService('ticket-service');
  }, 180_000);
  afterAll(() => pipeline?.stop(), 60_000);

  it(
    'stores every message exactly once and dead-letters none',
    async () => {
      const plan = { messages: MESSAGES, conversations: CONVERSATIONS, perSecond: PER_SECOND };
      const report = await pipeline.streamThrough('ticket-service kill -9', plan, async () => {
        const [victim] = pipeline.running;
        if (!victim) throw new Error('no ticket-service running');
        await pipeline.kill(victim);
        await pipeline.startService('ticket-service');
      });
      expectNothingLost(report);
      const tickets = await pipeline.sql.query<{ n: string }>('SELECT count(*) AS n FROM tickets');
      expect(Number(tickets.rows[0]?.n)).toBe(CONVERSATIONS);
    },
    settleTimeoutMs(MESSAGES) + 300_000,
  );
});
