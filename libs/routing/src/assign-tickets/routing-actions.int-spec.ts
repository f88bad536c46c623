import { Channel } from '@switchboard/contracts';
import { loadConfig } from '@switchboard/config';
import { InMemoryCapacityStore } from '@switchboard/coordination';
import { newId } from '@switchboard/ids';
import { createLogger } from '@switchboard/logger';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, factory, type TestDatabase } from '@switchboard/testing';
import { IngestInboundMessagesUseCase, TenantDirectory, validateInboundMessage } from '@switchboard/tickets';
import { RoutingDirectory } from '../directory/routing-directory';
import { DrainTeamQueuesUseCase } from '../drain-queues/drain-team-queues.use-case';
import { reconcileCapacity } from '../reconcile/reconcile-capacity';
import { AssignTicketsUseCase, type TicketToRoute } from './assign-tickets.use-case';

const log = createLogger('test');

describe('routing rules act on the ticket, per-channel capacity, overflow (real Postgres)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let capacity: InMemoryCapacityStore;
  const tenantId = newId();
  const teams = { voice: newId(), billing: newId(), overflow: newId() };
  const agents = { vic: newId(), val: newId(), bea: newId(), ola: newId() };

  const assign = () => new AssignTicketsUseCase(db, new RoutingDirectory(log, 0), capacity, log);
  const drain = () => new DrainTeamQueuesUseCase(db, new RoutingDirectory(log, 0), capacity).execute();

  beforeAll(async () => {
    testDb = await createTestDatabase('routing_actions');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'acme', 'Acme')`, [tenantId]);
    await db.query(
      `INSERT INTO teams (id, tenant_id, name) VALUES ($1, $4, 'Voice'), ($2, $4, 'Billing'), ($3, $4, 'Overflow')`,
      [teams.voice, teams.billing, teams.overflow, tenantId],
    );
    // vic takes one call at a time (the default); val was configured for two.
    await db.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, presence, capacity, channel_capacity) VALUES
        ($1, $5, $6, 'vic@acme.test', 'Vic', 'online', 10, '{}'),
        ($2, $5, $6, 'val@acme.test', 'Val', 'online', 10, '{"voice": 2}'),
        ($3, $5, $7, 'bea@acme.test', 'Bea', 'offline', 10, '{}'),
        ($4, $5, $8, 'ola@acme.test', 'Ola', 'online', 10, '{}')`,
      [agents.vic, agents.val, agents.bea, agents.ola, tenantId, teams.voice, teams.billing, teams.overflow],
    );
    await db.query(
      `INSERT INTO routing_rules (id, tenant_id, name, position, conditions, team_id, priority, tags, sla_policy, set_category)
       VALUES ($1, $4, 'Calls', 1, '{"channel": ["voice"]}', $5, NULL, '{}', NULL, NULL),
              ($2, $4, 'Refunds by keyword', 2, '{"keywords": ["refund", "退款"]}', $6, 'high', '{refund,money}', 'billing-4h', 'billing'),
              ($3, $4, 'Invoices by pattern', 3, '{"pattern": "INV-\\\\d{4}"}', $6, NULL, '{invoice}', NULL, 'billing')`,
      [newId(), newId(), newId(), tenantId, teams.voice, teams.billing],
    );
    capacity = new InMemoryCapacityStore();
    await reconcileCapacity(db, capacity);
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  async function newTickets(
    specs: readonly { channel?: Channel; category?: string; subject?: string; bodyText?: string }[],
  ): Promise<TicketToRoute[]> {
    const ingest = new IngestInboundMessagesUseCase({
      db,
      tenants: new TenantDirectory(),
      capacity: new InMemoryCapacityStore(),
    });
    const messages = specs.map((spec) => validateInboundMessage(factory.inboundMessage(spec)));
    const outcomes = await ingest.execute({ messages, refused: [] });
    return outcomes.map((o, i) => ({
      tenantSlug: 'acme',
      ticketId: 'ticketId' in o ? o.ticketId : '',
      category: specs[i]?.category ?? '',
      tier: 'standard',
      region: '',
      channel: specs[i]?.channel === Channel.VOICE ? 'voice' : 'web',
      subject: specs[i]?.subject ?? '',
    }));
  }

  it("fills each agent's voice seats only, then queues the next call", async () => {
    const calls = await newTickets(Array.from({ length: 4 }, () => ({ channel: Channel.VOICE })));
    const outcomes = await assign().execute(calls);
    const byAgent = outcomes.map((o) => o.agentId);
    expect(byAgent.filter((a) => a === agents.vic)).toHaveLength(1);
    expect(byAgent.filter((a) => a === agents.val)).toHaveLength(2);
    expect(outcomes[3]?.outcome).toBe('queued');
    expect(await capacity.loads(tenantId, [agents.vic, agents.val], 'voice')).toEqual(
      new Map([
        [agents.vic, 1],
        [agents.val, 2],
      ]),
    );
    const [trace] = await db.query<{ data: { trace: { candidates: { channelCapacity: number }[] } } }>(
      `SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'queued'`,
      [outcomes[3]?.ticketId],
    );
    expect(trace?.data.trace.candidates.map((c) => c.channelCapacity)).toEqual([1, 2]);
  });

  it('classifies by keyword in the body and sets the rule category, priority, tags and SLA policy', async () => {
    const [refund] = await newTickets([{ subject: 'Question', bodyText: '我想申请退款, order 1234' }]);
    if (!refund) throw new Error('no ticket');
    const [outcome] = await assign().execute([refund]);
    expect(outcome?.outcome).toBe('queued'); // Bea, Billing's only agent, is offline.
    const [row] = await db.query<{
      category: string;
      priority: string;
      tags: string[];
      sla_policy: string;
      team_id: string;
    }>(`SELECT category, priority, tags, sla_policy, team_id FROM tickets WHERE id = $1`, [refund.ticketId]);
    expect(row).toEqual({
      category: 'billing',
      priority: 'high',
      tags: ['money', 'refund'],
      sla_policy: 'billing-4h',
      team_id: teams.billing,
    });
    const [event] = await db.query<{ data: { actions: unknown; trace: { rule: { because: string[] } } } }>(
      `SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'queued'`,
      [refund.ticketId],
    );
    expect(event?.data.actions).toEqual({
      priority: 'high',
      tags: ['refund', 'money'],
      slaPolicy: 'billing-4h',
      category: 'billing',
    });
    expect(event?.data.trace.rule.because).toEqual(['keyword "退款"']);
  });

  it('keeps the category the channel gave, and matches a pattern in the subject', async () => {
    const [invoice] = await newTickets([{ category: 'accounts', subject: 'Copy of INV-2026 please' }]);
    if (!invoice) throw new Error('no ticket');
    await assign().execute([invoice]);
    const [row] = await db.query<{ category: string; tags: string[]; team_id: string }>(
      `SELECT category, tags, team_id FROM tickets WHERE id = $1`,
      [invoice.ticketId],
    );
    expect(row).toEqual({ category: 'accounts', tags: ['invoice'], team_id: teams.billing });
  });

  it("moves tickets that waited too long to the team's fallback, where they are assigned", async () => {
    await db.query(`UPDATE teams SET overflow_team_id = $1, overflow_after_seconds = 600 WHERE id = $2`, [
      teams.overflow,
      teams.billing,
    ]);
    const waiting = await db.query<{ id: string }>(`SELECT id FROM tickets WHERE team_id = $1 ORDER BY created_at`, [
      teams.billing,
    ]);
    expect(waiting).toHaveLength(2);
    const [late, recent] = waiting.map((w) => w.id);
    // The clock is the database's: one ticket entered the queue 11 minutes ago, the other just now.
    await db.query(`UPDATE tickets SET queued_at = now() - interval '11 minutes' WHERE id = $1`, [late]);
    expect(await drain()).toBe(1);
    const rows = await db.query<{ id: string; team_id: string; assignee_id: string | null }>(
      `SELECT id, team_id, assignee_id FROM tickets WHERE id = ANY($1::uuid[])`,
      [[late, recent]],
    );
    expect(new Map(rows.map((r) => [r.id, r]))).toEqual(
      new Map([
        [late, { id: late, team_id: teams.overflow, assignee_id: agents.ola }],
        [recent, { id: recent, team_id: teams.billing, assignee_id: null }],
      ]),
    );
    const events = await db.query<{ type: string; actor_kind: string; source: string; data: { after: unknown } }>(
      `SELECT type, actor_kind, source, data FROM ticket_events WHERE ticket_id = $1 ORDER BY occurred_at, id`,
      [late],
    );
    expect(events.map((e) => e.type)).toEqual(['created', 'queued', 'transferred', 'assigned']);
    expect(events[2]).toMatchObject({
      actor_kind: 'system',
      source: 'routing',
      data: { after: { teamId: teams.overflow, assigneeId: null } },
    });
  });

  it('rebuilds per-channel counters from Postgres for a store that lost them', async () => {
    const fresh = new InMemoryCapacityStore();
    await reconcileCapacity(db, fresh);
    expect(await fresh.loads(tenantId, [agents.vic, agents.val], 'voice')).toEqual(
      await capacity.loads(tenantId, [agents.vic, agents.val], 'voice'),
    );
    expect(await fresh.loads(tenantId, [agents.ola])).toEqual(new Map([[agents.ola, 1]]));
  });
});
