import { loadConfig } from '@switchboard/config';
import { InMemoryCapacityStore } from '@switchboard/coordination';
import { newId } from '@switchboard/ids';
import { createLogger } from '@switchboard/logger';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, factory, type TestDatabase } from '@switchboard/testing';
import { IngestInboundMessagesUseCase, TenantDirectory, validateInboundMessage } from '@switchboard/tickets';
import { AssignTicketsUseCase } from '../assign-tickets/assign-tickets.use-case';
import { RoutingDirectory } from '../directory/routing-directory';
import { DrainTeamQueuesUseCase } from './drain-team-queues.use-case';
import { expireStalePresence } from '../presence/expire-stale-presence';

describe('DrainTeamQueuesUseCase on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  const capacity = new InMemoryCapacityStore();
  const log = createLogger('test');
  const tenantId = newId();
  const team = newId();
  const agent = newId();
  // A fresh directory each time: no cache between a presence change and the next pass.
  const drain = (): Promise<number> => new DrainTeamQueuesUseCase(db, new RoutingDirectory(log, 0), capacity).execute();

  beforeAll(async () => {
    testDb = await createTestDatabase('drain');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'acme', 'Acme')`, [tenantId]);
    await db.query(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $2, 'Support')`, [team, tenantId]);
    await db.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, presence, capacity) VALUES ($1, $2, $3, 'ann@acme.test', 'Ann', 'offline', 2)`,
      [agent, tenantId, team],
    );
    await db.query(
      `INSERT INTO routing_rules (id, tenant_id, name, position, conditions, team_id) VALUES ($1, $2, 'All', 1, '{}', $3)`,
      [newId(), tenantId, team],
    );
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  async function queuedTickets(): Promise<Record<string, string>> {
    const specs = [
      { name: 'normal-oldest', priority: 'normal' },
      { name: 'urgent', priority: 'urgent' },
      { name: 'vip', priority: 'normal' },
      { name: 'low', priority: 'low' },
    ];
    const ids: Record<string, string> = {};
    const ingest = new IngestInboundMessagesUseCase({
      db,
      tenants: new TenantDirectory(),
      capacity: new InMemoryCapacityStore(),
    });
    for (const spec of specs) {
      const message = validateInboundMessage(factory.inboundMessage({ priority: spec.priority, subject: spec.name }));
      const [outcome] = await ingest.execute({ messages: [message], refused: [] });
      ids[spec.name] = outcome && 'ticketId' in outcome ? outcome.ticketId : '';
    }
    await db.query(`UPDATE tickets SET tier = 'vip' WHERE id = $1`, [ids['vip']]);
    const assign = new AssignTicketsUseCase(db, new RoutingDirectory(log, 0), capacity, log);
    const outcomes = await assign.execute(
      Object.values(ids).map((ticketId) => ({
        tenantSlug: 'acme',
        ticketId,
        category: '',
        tier: '',
        region: '',
        channel: 'web',
      })),
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(['queued', 'queued', 'queued', 'queued']);
    return ids;
  }

  const assignee = async (id: string | undefined): Promise<string | null> =>
    (await db.query<{ assignee_id: string | null }>(`SELECT assignee_id FROM tickets WHERE id = $1`, [id]))[0]
      ?.assignee_id ?? null;

  it('drains the queue in order — VIP first, then priority, then age — as far as capacity allows', async () => {
    const ids = await queuedTickets();
    expect(await drain()).toBe(0);
    await db.query(`UPDATE agents SET presence = 'online' WHERE id = $1`, [agent]);
    expect(await drain()).toBe(2);
    expect(await assignee(ids['vip'])).toBe(agent);
    expect(await assignee(ids['urgent'])).toBe(agent);
    expect(await assignee(ids['normal-oldest'])).toBeNull();
    expect(await drain()).toBe(0);
    await db.query(`UPDATE agents SET capacity = 3 WHERE id = $1`, [agent]);
    expect(await drain()).toBe(1);
    expect(await assignee(ids['normal-oldest'])).toBe(agent);
    expect(await assignee(ids['low'])).toBeNull();
    const events = await db.query<{ type: string; actor_kind: string }>(
      `SELECT type, actor_kind FROM ticket_events WHERE ticket_id = $1 ORDER BY occurred_at`,
      [ids['vip']],
    );
    expect(events.map((e) => e.type)).toEqual(['created', 'queued', 'assigned']);
  });

  it('sets agents offline when their heartbeats stop, and leaves agents without heartbeats alone', async () => {
    const quiet = newId();
    await db.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, presence, capacity) VALUES ($1, $2, $3, 'api@acme.test', 'Api', 'online', 5)`,
      [quiet, tenantId, team],
    );
    await db.query(`UPDATE agents SET last_seen_at = now() - interval '10 minutes' WHERE id = $1`, [agent]);
    expect(await expireStalePresence(db, 90_000)).toBe(1);
    const rows = await db.query<{ id: string; presence: string }>(`SELECT id, presence FROM agents ORDER BY email`);
    expect(rows).toEqual([
      { id: agent, presence: 'offline' },
      { id: quiet, presence: 'online' },
    ]);
  });
});
