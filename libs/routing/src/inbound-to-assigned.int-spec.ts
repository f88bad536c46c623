import { Global, Module, type INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule, loadConfig } from '@switchboard/config';
import { dlqTopicOf, encodeInboundMessage, Topics } from '@switchboard/contracts';
import { CAPACITY_STORE, InMemoryCapacityStore } from '@switchboard/coordination';
import {
  BatchTransportServer,
  InProcessTransport,
  MessagingModule,
  type IncomingRecord,
  type SubscribeOptions,
  type Subscription,
} from '@switchboard/messaging';
import { Metrics } from '@switchboard/observability';
import { openDatabase, PersistenceModule, type Database } from '@switchboard/persistence';
import { createTestDatabase, testContext, type TestContext, type TestDatabase } from '@switchboard/testing';
import { TicketServiceModule } from '@switchboard/tickets';
import { RoutingDirectory } from './directory/routing-directory';
import { RoutingServiceModule } from './routing-service.module';

/** The infrastructure an app's root module would bring: here memory counters and a metrics registry to read. */
@Global()
@Module({
  providers: [
    { provide: CAPACITY_STORE, useValue: new InMemoryCapacityStore() },
    { provide: Metrics, useValue: new Metrics({ defaultMetrics: false }) },
  ],
  exports: [CAPACITY_STORE, Metrics],
})
class TestInfrastructureModule {}

/** Remembers how each consumer subscribed (its group, batch size and concurrency come from config). */
class RecordingTransport extends InProcessTransport {
  readonly recorded: SubscribeOptions[] = [];

  override subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.recorded.push(options);
    return super.subscribe(options);
  }
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A counter's value in a Prometheus exposition (0 before its first increment). */
function sample(exposition: string, series: string): number {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('TicketServiceModule + RoutingServiceModule on the in-process transport (real Postgres)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: RecordingTransport;
  let app: INestMicroservice;
  const dead: IncomingRecord[] = [];
  let ctx: TestContext;

  /** A tenant of the test's own: Support with Ann online (room for 5), one rule sending everything there. */
  async function newWorld() {
    const tenant = await ctx.newTenant();
    const team = await tenant.team({ name: 'Support' });
    const ann = await tenant.agent({ name: 'Ann', teamId: team.id, presence: 'online', capacity: 5, password: null });
    await tenant.routingRule({ name: 'All', position: 1, teamId: team.id });
    return { tenant, teamId: team.id, agentId: ann.id };
  }

  /** The process-wide counters, read at a test's start: a test asserts only on what it added. */
  async function countersNow() {
    const before = await app.get(Metrics).expose();
    return async (series: string): Promise<number> =>
      sample(await app.get(Metrics).expose(), series) - sample(before, series);
  }

  beforeAll(async () => {
    testDb = await createTestDatabase('pipeline_nest');
    const config = loadConfig({
      DATABASE_URL: testDb.url,
      ROUTING_QUEUE_POLL_MS: '100',
      INGEST_BATCH_SIZE: '7',
      INGEST_CONCURRENCY: '2',
    });
    db = await openDatabase(config);
    ctx = testContext(db);
    transport = new RecordingTransport();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        MessagingModule.forRoot('pipeline-int-spec', { transport }),
        PersistenceModule.forRoot({ database: db }),
        TestInfrastructureModule,
        TicketServiceModule,
        RoutingServiceModule,
      ],
    }).compile();
    app = moduleRef.createNestMicroservice({ strategy: moduleRef.get(BatchTransportServer) });
    await app.listen();
    await transport.subscribe({
      topic: dlqTopicOf(Topics.inboundMessages),
      groupId: 'dlq-reader',
      handler: async (records) => void dead.push(...records),
    });
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await transport.close();
    await db.close();
    await testDb.drop();
  });

  it('subscribes each consumer with its group and the configured batch size and concurrency', () => {
    const options = transport.recorded.map(({ topic, groupId, maxBatchSize, concurrency }) => ({
      topic,
      groupId,
      maxBatchSize,
      concurrency,
    }));
    expect(options).toEqual(
      expect.arrayContaining([
        { topic: Topics.inboundMessages, groupId: 'ticket-service', maxBatchSize: 7, concurrency: 2 },
        { topic: Topics.ticketEvents, groupId: 'routing-service', maxBatchSize: 7, concurrency: 2 },
        {
          topic: Topics.outboundStatus,
          groupId: 'ticket-service.delivery-reports',
          maxBatchSize: undefined,
          concurrency: undefined,
        },
      ]),
    );
  });

  it('turns an inbound message into a ticket assigned to the online agent, through both consumers', async () => {
    const { tenant, teamId, agentId } = await newWorld();
    const created = 'messages_ingested_total{channel="web",outcome="created"}';
    const rejected = 'messages_ingested_total{channel="unknown",outcome="rejected"}';
    const assigned = 'routing_decisions_total{outcome="assigned"}';
    const added = await countersNow();
    const deadBefore = dead.length;
    const message = tenant.inboundMessage();
    // A record no one can read goes first on the same key: the valid one behind it proves the
    // consumer dead-lettered it and moved on, instead of a sleep that hopes nothing happened.
    await transport.publish(Topics.inboundMessages, [
      { key: message.conversationKey, value: new Uint8Array([0xff, 0xff, 0xff]) },
      { key: message.conversationKey, value: encodeInboundMessage(message) },
    ]);
    const ticket = await eventually('the assigned ticket', async () => {
      const [row] = await db.query<{ status: string; assignee_id: string | null; team_id: string | null }>(
        `SELECT t.status, t.assignee_id, t.team_id FROM tickets t
           JOIN ticket_messages m ON m.ticket_id = t.id WHERE m.channel_message_id = $1`,
        [message.channelMessageId],
      );
      return row?.assignee_id ? row : undefined;
    });
    expect(ticket).toEqual({ status: 'assigned', assignee_id: agentId, team_id: teamId });
    expect(dead).toHaveLength(deadBefore + 1);
    const counted = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(counted).toEqual([{ n: 1 }]);
    expect([await added(created), await added(rejected), await added(assigned)]).toEqual([1, 1, 1]);
  });

  it('queues a ticket while nobody is online, reports the queue, and the drainer assigns it once an agent is back', async () => {
    const { tenant, agentId } = await newWorld();
    const queuedTotal = 'routing_decisions_total{outcome="queued"}';
    const assigned = 'routing_decisions_total{outcome="assigned"}';
    const added = await countersNow();
    const queueLength = `routing_queue_length{tenant="${tenant.slug}",team="Support"}`;
    await db.query(`UPDATE agents SET presence = 'offline' WHERE id = $1`, [agentId]);
    app.get(RoutingDirectory).invalidate();
    const message = tenant.inboundMessage();
    await transport.publish(Topics.inboundMessages, [
      { key: message.conversationKey, value: encodeInboundMessage(message) },
    ]);
    const assigneeOf = (status: string) => async () => {
      const [row] = await db.query<{ assignee_id: string | null }>(
        `SELECT t.assignee_id FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id
          WHERE m.channel_message_id = $1 AND t.status = $2`,
        [message.channelMessageId, status],
      );
      return row;
    };
    expect(await eventually('the queued ticket', assigneeOf('new'))).toEqual({ assignee_id: null });
    const metrics = app.get(Metrics);
    await eventually('the queue length', async () =>
      (await metrics.expose()).includes(`${queueLength} 1`) ? true : undefined,
    );
    expect(await added(queuedTotal)).toBe(1);

    await db.query(`UPDATE agents SET presence = 'online' WHERE id = $1`, [agentId]);
    app.get(RoutingDirectory).invalidate();
    expect(await eventually('the drained ticket', assigneeOf('assigned'))).toEqual({ assignee_id: agentId });
    await eventually('the emptied queue', async () =>
      (await metrics.expose()).includes(`${queueLength} 0`) ? true : undefined,
    );
    expect(await added(assigned)).toBe(1);
  });
});
