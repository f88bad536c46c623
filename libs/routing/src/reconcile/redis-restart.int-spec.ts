import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@switchboard/config';
import { RedisCapacityStore, InMemoryCapacityStore } from '@switchboard/coordination';
import { newId } from '@switchboard/ids';
import { createLogger } from '@switchboard/logger';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, factory, type TestDatabase } from '@switchboard/testing';
import { IngestInboundMessagesUseCase, TenantDirectory, validateInboundMessage } from '@switchboard/tickets';
import { AssignTicketsUseCase, type TicketToRoute } from '../assign-tickets/assign-tickets.use-case';
import { RoutingDirectory } from '../directory/routing-directory';
import { reconcileCapacity } from './reconcile-capacity';

const log = createLogger('test');

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** A Redis server of this test's own, keeping nothing on disk, like the machine's. */
class OwnRedis {
  private process: ChildProcess | undefined;

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < 100; i++) {
      const ping = spawnSync('redis-cli', ['-p', String(this.port), 'ping'], { encoding: 'utf8' });
      if (ping.stdout.trim() === 'PONG') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`redis-server did not answer on port ${this.port}`);
  }

  async stop(): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  }
}

/** ioredis reconnects by itself; a command issued while it is still reconnecting may fail once or twice. */
async function afterReconnect<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 20 || (error instanceof Error && error.name === 'CountersNotSeededError')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('capacity counters across a Redis restart (real Redis process, real Postgres)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let redis: OwnRedis;
  let store: RedisCapacityStore;
  const tenantId = newId();
  const team = newId();
  const agents = [newId(), newId()];

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    store = new RedisCapacityStore(`redis://127.0.0.1:${redis.port}`, `restart-${randomUUID()}`);
    testDb = await createTestDatabase('redis_restart');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'acme', 'Acme')`, [tenantId]);
    await db.query(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $2, 'Support')`, [team, tenantId]);
    await db.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, presence, capacity) VALUES
        ($1, $3, $4, 'a@acme.test', 'A', 'online', 3), ($2, $3, $4, 'b@acme.test', 'B', 'online', 3)`,
      [agents[0], agents[1], tenantId, team],
    );
    await db.query(
      `INSERT INTO routing_rules (id, tenant_id, name, position, conditions, team_id) VALUES ($1, $2, 'All', 1, '{}', $3)`,
      [newId(), tenantId, team],
    );
  });
  afterAll(async () => {
    await store.close().catch(() => undefined);
    await redis.stop();
    await db.close();
    await testDb.drop();
  });

  async function newTickets(count: number): Promise<TicketToRoute[]> {
    const ingest = new IngestInboundMessagesUseCase({
      db,
      tenants: new TenantDirectory(),
      capacity: new InMemoryCapacityStore(),
    });
    const messages = Array.from({ length: count }, () => validateInboundMessage(factory.inboundMessage()));
    const outcomes = await ingest.execute({ messages, refused: [] });
    return outcomes.map((o) => ({
      tenantSlug: 'acme',
      ticketId: 'ticketId' in o ? o.ticketId : '',
      category: '',
      tier: 'standard',
      region: '',
      channel: 'web',
    }));
  }

  const openTicketsPerAgent = async (): Promise<Map<string, number>> => {
    const rows = await db.query<{ assignee_id: string; open: number }>(
      `SELECT assignee_id, count(*)::int AS open FROM tickets WHERE assignee_id IS NOT NULL GROUP BY assignee_id`,
    );
    return new Map(agents.map((id) => [id, rows.find((r) => r.assignee_id === id)?.open ?? 0]));
  };

  it('reseeds from Postgres after the restart, so no agent is filled beyond capacity', async () => {
    await reconcileCapacity(db, store);
    const assign = new AssignTicketsUseCase(db, new RoutingDirectory(log, 0), store, log);
    const first = await assign.execute(await newTickets(4));
    expect(first.every((o) => o.outcome === 'assigned')).toBe(true);
    expect(await store.loads(tenantId, agents)).toEqual(await openTicketsPerAgent());

    await redis.stop();
    await redis.start();
    // Redis came back empty: without the reseed both agents would look free and take 3 more each.
    const second = await afterReconnect(async () => assign.execute(await newTickets(4)));
    expect(second.filter((o) => o.outcome === 'assigned')).toHaveLength(2);
    expect(second.filter((o) => o.outcome === 'queued')).toHaveLength(2);
    const open = await openTicketsPerAgent();
    expect([...open.values()]).toEqual([3, 3]);
    expect(await store.loads(tenantId, agents)).toEqual(open);
  });
});
