import { loadConfig } from '@switchboard/config';
import { InMemoryCapacityStore } from '@switchboard/coordination';
import { createLogger } from '@switchboard/logger';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, testContext, type TestContext, type TestDatabase } from '@switchboard/testing';
import { IngestInboundMessagesUseCase, TenantDirectory, validateInboundMessage } from '@switchboard/tickets';
import { RoutingDirectory } from '../directory/routing-directory';
import { reconcileCapacity } from '../reconcile/reconcile-capacity';
import { DrainTeamQueuesUseCase } from '../drain-queues/drain-team-queues.use-case';
import { AssignTicketsUseCase, type TicketToRoute } from './assign-tickets.use-case';

describe('AssignTicketsUseCase on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ctx: TestContext;
  let ingest: IngestInboundMessagesUseCase;
  // One store for the file, as one routing service has: its counters are per tenant and agent.
  const capacity = new InMemoryCapacityStore();

  beforeAll(async () => {
    testDb = await createTestDatabase('routing');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    ctx = testContext(db);
    ingest = new IngestInboundMessagesUseCase({
      db,
      tenants: new TenantDirectory(),
      capacity: new InMemoryCapacityStore(),
    });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  /**
   * A tenant of the test's own: Support (Ann and Ben online with room for 5, Off offline with 50)
   * takes everything, Billing (Cat, room for 1) takes billing at high priority.
   */
  async function newWorld() {
    const tenant = await ctx.newTenant();
    const support = (await tenant.team({ name: 'Support' })).id;
    const billing = (await tenant.team({ name: 'Billing' })).id;
    const agent = async (name: string, teamId: string, presence: 'online' | 'offline', capacity: number) =>
      (await tenant.agent({ name, teamId, presence, capacity, password: null })).id;
    const agents = {
      ann: await agent('Ann', support, 'online', 5),
      ben: await agent('Ben', support, 'online', 5),
      cat: await agent('Cat', billing, 'online', 1),
      off: await agent('Off', support, 'offline', 50),
    };
    await tenant.routingRule({
      name: 'Billing',
      position: 1,
      conditions: { category: ['billing'] },
      teamId: billing,
      priority: 'high',
    });
    await tenant.routingRule({ name: 'Everything else', position: 2, teamId: support });
    const assign = (cacheTtlMs?: number): AssignTicketsUseCase =>
      new AssignTicketsUseCase(
        db,
        new RoutingDirectory(createLogger('test'), cacheTtlMs),
        capacity,
        createLogger('test'),
      );
    const toRoute = (ticketId: string, category: string, customerId?: string): TicketToRoute => ({
      tenantSlug: tenant.slug,
      ticketId,
      ...(customerId ? { customerId } : {}),
      category,
      tier: 'standard',
      region: '',
      channel: 'web',
    });
    const newTickets = async (count: number, category = ''): Promise<TicketToRoute[]> => {
      const messages = Array.from({ length: count }, () => validateInboundMessage(tenant.inboundMessage({ category })));
      const outcomes = await ingest.execute({ messages, refused: [] });
      return outcomes.map((o) => toRoute('ticketId' in o ? o.ticketId : '', category));
    };
    const ticketFrom = async (email: string): Promise<TicketToRoute> => {
      const [outcome] = await ingest.execute({
        messages: [validateInboundMessage(tenant.inboundMessage({ email }))],
        refused: [],
      });
      const ticketId = outcome && 'ticketId' in outcome ? outcome.ticketId : '';
      const [row] = await db.query<{ customer_id: string }>(`SELECT customer_id FROM tickets WHERE id = $1`, [
        ticketId,
      ]);
      return toRoute(ticketId, '', row?.customer_id);
    };
    return { tenant, tenantId: tenant.id, support, billing, agents, capacity, assign, newTickets, ticketFrom };
  }

  it('assigns by rule to the least-loaded online agent, never to an offline one', async () => {
    const w = await newWorld();
    const outcomes = await w.assign().execute(await w.newTickets(6));
    const byAgent = new Map<string, number>();
    for (const o of outcomes) byAgent.set(o.agentId ?? 'none', (byAgent.get(o.agentId ?? 'none') ?? 0) + 1);
    expect(byAgent.get(w.agents.ann)).toBe(3);
    expect(byAgent.get(w.agents.ben)).toBe(3);
    expect(byAgent.has(w.agents.off)).toBe(false);
    const rows = await db.query<{ status: string; team_id: string }>(
      `SELECT status, team_id FROM tickets WHERE tenant_id = $1 AND assignee_id IS NOT NULL`,
      [w.tenantId],
    );
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === 'assigned' && r.team_id === w.support)).toBe(true);
  });

  it('applies the rule priority, and queues a ticket when the team is full', async () => {
    const w = await newWorld();
    const outcomes = await w.assign().execute(await w.newTickets(2, 'billing'));
    expect(outcomes.map((o) => o.outcome)).toEqual(['assigned', 'queued']);
    const queued = await db.query<{ status: string; team_id: string; assignee_id: string | null; priority: string }>(
      `SELECT status, team_id, assignee_id, priority FROM tickets WHERE id = $1`,
      [outcomes[1]?.ticketId],
    );
    expect(queued[0]).toEqual({ status: 'new', team_id: w.billing, assignee_id: null, priority: 'high' });
  });

  it('never assigns a ticket twice when its event is delivered again, and gives the reservation back', async () => {
    const w = await newWorld();
    const assign = w.assign();
    const tickets = await w.newTickets(1);
    const [first] = await assign.execute(tickets);
    const loadsBefore = await w.capacity.loads(w.tenantId, [w.agents.ann, w.agents.ben]);
    const [again] = await assign.execute(tickets);
    expect(first?.outcome).toBe('assigned');
    expect(again?.outcome).toBe('already_routed');
    expect(await w.capacity.loads(w.tenantId, [w.agents.ann, w.agents.ben])).toEqual(loadsBefore);
    const events = await db.query(`SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'assigned'`, [
      first?.ticketId,
    ]);
    expect(events).toHaveLength(1);
  });

  it('stores the decision trace on the audit trail', async () => {
    const w = await newWorld();
    const [outcome] = await w.assign().execute(await w.newTickets(1));
    const [event] = await db.query<{
      data: { trace: { rule: { name: string }; outcome: string; candidates: unknown[] } };
    }>(`SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'assigned'`, [outcome?.ticketId]);
    expect(event?.data.trace.rule.name).toBe('Everything else');
    expect(event?.data.trace.outcome).toBe('assigned');
    expect(event?.data.trace.candidates).toHaveLength(3);
  });

  it('rebuilds the counters from Postgres after the coordination store lost them', async () => {
    const w = await newWorld();
    await w.assign().execute([...(await w.newTickets(3)), ...(await w.newTickets(1, 'billing'))]);
    const everyone = [w.agents.ann, w.agents.ben, w.agents.cat];
    const kept = await w.capacity.loads(w.tenantId, everyone);
    expect([...kept.values()].reduce((sum, n) => sum + n, 0)).toBe(4);
    const fresh = new InMemoryCapacityStore();
    await reconcileCapacity(db, fresh);
    expect(await fresh.loads(w.tenantId, everyone)).toEqual(kept);
  });

  it('takes turns between agents in a round-robin team', async () => {
    const w = await newWorld();
    await db.query(`UPDATE teams SET strategy = 'round_robin' WHERE id = $1`, [w.support]);
    await db.query(`UPDATE agents SET capacity = 100 WHERE team_id = $1`, [w.support]);
    const assign = w.assign(0);
    const picks: (string | null)[] = [];
    for (let i = 0; i < 4; i++)
      picks.push((await assign.execute([await w.ticketFrom(`rr${i}@example.com`)]))[0]?.agentId ?? null);
    expect(picks[0]).not.toBe(picks[1]);
    expect(picks[2]).toBe(picks[0]);
    expect(picks[3]).toBe(picks[1]);
  });

  it("gives a sticky team's returning customer the agent they had before", async () => {
    const w = await newWorld();
    await db.query(`UPDATE teams SET strategy = 'sticky' WHERE id = $1`, [w.support]);
    const assign = w.assign(0);
    const first = (await assign.execute([await w.ticketFrom('returning@example.com')]))[0]?.agentId;
    const others = await assign.execute([
      await w.ticketFrom('someone@example.com'),
      await w.ticketFrom('else@example.com'),
    ]);
    const again = (await assign.execute([await w.ticketFrom('returning@example.com')]))[0]?.agentId;
    expect(first).toBeDefined();
    expect(others.every((o) => o.outcome === 'assigned')).toBe(true);
    expect(again).toBe(first);
  });

  it('gives a ticket only to agents with the skills its rule requires, and queues it until one has them', async () => {
    const w = await newWorld();
    const team = (await w.tenant.team({ name: 'Languages' })).id;
    const expertOf = async (name: string) =>
      (await w.tenant.agent({ name, teamId: team, presence: 'online', capacity: 50, password: null })).id;
    const [novice, expert] = [await expertOf('Novice'), await expertOf('Expert')];
    await db.query(
      `INSERT INTO agent_skills (tenant_id, agent_id, skill, level) VALUES ($1, $2, 'chinese', 1), ($1, $3, 'chinese', 3)`,
      [w.tenantId, novice, expert],
    );
    const languageRule = (language: string, minLevel: number, position: number) =>
      w.tenant.routingRule({
        name: language,
        position,
        conditions: { category: [language] },
        teamId: team,
        requiredSkills: [{ skill: language, minLevel }],
      });
    await languageRule('chinese', 2, -2);
    await languageRule('japanese', 1, -1);
    const assign = w.assign(0);
    const chinese = await assign.execute(await w.newTickets(3, 'chinese'));
    expect(chinese.map((o) => o.agentId)).toEqual([expert, expert, expert]);
    const [japanese] = await assign.execute(await w.newTickets(1, 'japanese'));
    expect(japanese?.outcome).toBe('queued');
    const [queued] = await db.query<{ data: { trace: { candidates: { missingSkills?: string[] }[] } } }>(
      `SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'queued'`,
      [japanese?.ticketId],
    );
    expect(queued?.data.trace.candidates.map((c) => c.missingSkills)).toEqual([['japanese'], ['japanese']]);
    await db.query(`INSERT INTO agent_skills (tenant_id, agent_id, skill, level) VALUES ($1, $2, 'japanese', 1)`, [
      w.tenantId,
      novice,
    ]);
    // The drainer runs over every tenant; the other tests' queued tickets wait on full agents.
    const drained = await new DrainTeamQueuesUseCase(
      db,
      new RoutingDirectory(createLogger('test'), 0),
      w.capacity,
    ).execute();
    expect(drained).toBe(1);
    const [row] = await db.query<{ assignee_id: string }>(`SELECT assignee_id FROM tickets WHERE id = $1`, [
      japanese?.ticketId,
    ]);
    expect(row?.assignee_id).toBe(novice);
  });
});
