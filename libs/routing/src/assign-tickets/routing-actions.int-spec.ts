import { Channel } from '@switchboard/contracts';
import { loadConfig } from '@switchboard/config';
import { InMemoryCapacityStore } from '@switchboard/coordination';
import { newId } from '@switchboard/ids';
import { createLogger } from '@switchboard/logger';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, testContext, type TestContext, type TestDatabase } from '@switchboard/testing';
import { IngestInboundMessagesUseCase, TenantDirectory, validateInboundMessage } from '@switchboard/tickets';
import { RoutingDirectory } from '../directory/routing-directory';
import { DrainTeamQueuesUseCase } from '../drain-queues/drain-team-queues.use-case';
import { reconcileCapacity } from '../reconcile/reconcile-capacity';
import { AssignTicketsUseCase, type TicketToRoute } from './assign-tickets.use-case';

const log = createLogger('test');

describe('routing rules act on the ticket, per-channel capacity, overflow (real Postgres)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ctx: TestContext;
  // One store for the file, as one routing service has: its counters are per tenant and agent.
  const capacity = new InMemoryCapacityStore();

  const assign = () => new AssignTicketsUseCase(db, new RoutingDirectory(log, 0), capacity, log);
  const drain = () => new DrainTeamQueuesUseCase(db, new RoutingDirectory(log, 0), capacity).execute();

  beforeAll(async () => {
    testDb = await createTestDatabase('routing_actions');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    ctx = testContext(db);
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  /** A tenant of the test's own: Voice (Vic, Val), Billing (Bea, offline), Overflow (Ola) and three rules. */
  async function newWorld() {
    const tenant = await ctx.newTenant();
    const teams = {
      voice: (await tenant.team({ name: 'Voice' })).id,
      billing: (await tenant.team({ name: 'Billing' })).id,
      overflow: (await tenant.team({ name: 'Overflow' })).id,
    };
    const agent = async (name: string, teamId: string, presence: 'online' | 'offline') =>
      (await tenant.agent({ name, teamId, presence, capacity: 10, password: null })).id;
    const agents = {
      vic: await agent('Vic', teams.voice, 'online'),
      val: await agent('Val', teams.voice, 'online'),
      bea: await agent('Bea', teams.billing, 'offline'),
      ola: await agent('Ola', teams.overflow, 'online'),
    };
    // vic takes one call at a time (the default); val was configured for two.
    await db.query(`UPDATE agents SET channel_capacity = '{"voice": 2}' WHERE id = $1`, [agents.val]);
    await db.query(
      `INSERT INTO routing_rules (id, tenant_id, name, position, conditions, team_id, priority, tags, sla_policy, set_category)
       VALUES ($1, $4, 'Calls', 1, '{"channel": ["voice"]}', $5, NULL, '{}', NULL, NULL),
              ($2, $4, 'Refunds by keyword', 2, '{"keywords": ["refund", "退款"]}', $6, 'high', '{refund,money}', 'billing-4h', 'billing'),
              ($3, $4, 'Invoices by pattern', 3, '{"pattern": "INV-\\\\d{4}"}', $6, NULL, '{invoice}', NULL, 'billing')`,
      [newId(), newId(), newId(), tenant.id, teams.voice, teams.billing],
    );
    const newTickets = async (
      specs: readonly { channel?: Channel; category?: string; subject?: string; bodyText?: string }[],
    ): Promise<TicketToRoute[]> => {
      const ingest = new IngestInboundMessagesUseCase({
        db,
        tenants: new TenantDirectory(),
        capacity: new InMemoryCapacityStore(),
      });
      const messages = specs.map((spec) => validateInboundMessage(tenant.inboundMessage(spec)));
      const outcomes = await ingest.execute({ messages, refused: [] });
      return outcomes.map((o, i) => ({
        tenantSlug: tenant.slug,
        ticketId: 'ticketId' in o ? o.ticketId : '',
        category: specs[i]?.category ?? '',
        tier: 'standard',
        region: '',
        channel: specs[i]?.channel === Channel.VOICE ? 'voice' : 'web',
        subject: specs[i]?.subject ?? '',
      }));
    };
    return { tenant, tenantId: tenant.id, teams, agents, newTickets };
  }

  it("fills each agent's voice seats only, then queues the next call", async () => {
    const w = await newWorld();
    const calls = await w.newTickets(Array.from({ length: 4 }, () => ({ channel: Channel.VOICE })));
    const outcomes = await assign().execute(calls);
    const byAgent = outcomes.map((o) => o.agentId);
    expect(byAgent.filter((a) => a === w.agents.vic)).toHaveLength(1);
    expect(byAgent.filter((a) => a === w.agents.val)).toHaveLength(2);
    expect(outcomes[3]?.outcome).toBe('queued');
    expect(await capacity.loads(w.tenantId, [w.agents.vic, w.agents.val], 'voice')).toEqual(
      new Map([
        [w.agents.vic, 1],
        [w.agents.val, 2],
      ]),
    );
    const [trace] = await db.query<{ data: { trace: { candidates: { channelCapacity: number }[] } } }>(
      `SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'queued'`,
      [outcomes[3]?.ticketId],
    );
    expect(trace?.data.trace.candidates.map((c) => c.channelCapacity)).toEqual([1, 2]);
  });

  it('classifies by keyword in the body and sets the rule category, priority, tags and SLA policy', async () => {
    const w = await newWorld();
    const [refund] = await w.newTickets([{ subject: 'Question', bodyText: '我想申请退款, order 1234' }]);
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
      team_id: w.teams.billing,
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
    const w = await newWorld();
    const [invoice] = await w.newTickets([{ category: 'accounts', subject: 'Copy of INV-2026 please' }]);
    if (!invoice) throw new Error('no ticket');
    await assign().execute([invoice]);
    const [row] = await db.query<{ category: string; tags: string[]; team_id: string }>(
      `SELECT category, tags, team_id FROM tickets WHERE id = $1`,
      [invoice.ticketId],
    );
    expect(row).toEqual({ category: 'accounts', tags: ['invoice'], team_id: w.teams.billing });
  });

  it("moves tickets that waited too long to the team's fallback, where they are assigned", async () => {
    const w = await newWorld();
    await db.query(`UPDATE teams SET overflow_team_id = $1, overflow_after_seconds = 600 WHERE id = $2`, [
      w.teams.overflow,
      w.teams.billing,
    ]);
    // Two refunds wait in Billing's queue: Bea, its only agent, is offline.
    const refunds = await w.newTickets([{ bodyText: 'A refund, please' }, { bodyText: 'Refund my order' }]);
    expect((await assign().execute(refunds)).map((o) => o.outcome)).toEqual(['queued', 'queued']);
    const waiting = await db.query<{ id: string }>(`SELECT id FROM tickets WHERE team_id = $1 ORDER BY created_at`, [
      w.teams.billing,
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
        [late, { id: late, team_id: w.teams.overflow, assignee_id: w.agents.ola }],
        [recent, { id: recent, team_id: w.teams.billing, assignee_id: null }],
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
      data: { after: { teamId: w.teams.overflow, assigneeId: null } },
    });
  });

  it('rebuilds per-channel counters from Postgres for a store that lost them', async () => {
    const w = await newWorld();
    await assign().execute(await w.newTickets(Array.from({ length: 3 }, () => ({ channel: Channel.VOICE }))));
    await w.tenant.ticket({ teamId: w.teams.overflow, assigneeId: w.agents.ola });
    const voice = new Map([
      [w.agents.vic, 1],
      [w.agents.val, 2],
    ]);
    expect(await capacity.loads(w.tenantId, [w.agents.vic, w.agents.val], 'voice')).toEqual(voice);
    const fresh = new InMemoryCapacityStore();
    await reconcileCapacity(db, fresh);
    expect(await fresh.loads(w.tenantId, [w.agents.vic, w.agents.val], 'voice')).toEqual(voice);
    expect(await fresh.loads(w.tenantId, [w.agents.ola])).toEqual(new Map([[w.agents.ola, 1]]));
  });
});
