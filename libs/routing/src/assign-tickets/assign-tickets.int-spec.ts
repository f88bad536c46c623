import { newId } from '@switchboard/ids';
import { loadConfig } from '@switchboard/config';
import { InMemoryCapacityStore } from '@switchboard/coordination';
import { createLogger } from '@switchboard/logger';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, factory, type TestDatabase } from '@switchboard/testing';
import { IngestInboundMessagesUseCase, TenantDirectory, validateInboundMessage } from '@switchboard/tickets';
import { RoutingDirectory } from '../directory/routing-directory';
import { reconcileCapacity } from '../reconcile/reconcile-capacity';
import { DrainTeamQueuesUseCase } from '../drain-queues/drain-team-queues.use-case';
import { AssignTicketsUseCase, type TicketToRoute } from './assign-tickets.use-case';

describe('AssignTicketsUseCase on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  let capacity: InMemoryCapacityStore;
  let assign: AssignTicketsUseCase;
  let ingest: IngestInboundMessagesUseCase;
  const tenantId = newId();
  const support = newId();
  const billing = newId();
  const agents = { ann: newId(), ben: newId(), cat: newId(), off: newId() };

  beforeAll(async () => {
    testDb = await createTestDatabase('routing');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'acme', 'Acme')`, [tenantId]);
    await db.query(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $3, 'Support'), ($2, $3, 'Billing')`, [
      support,
      billing,
      tenantId,
    ]);
    await db.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, presence, capacity) VALUES
        ($1, $5, $6, 'ann@acme.test', 'Ann', 'online', 5), ($2, $5, $6, 'ben@acme.test', 'Ben', 'online', 5),
        ($3, $5, $7, 'cat@acme.test', 'Cat', 'online', 1), ($4, $5, $6, 'off@acme.test', 'Off', 'offline', 50)`,
      [agents.ann, agents.ben, agents.cat, agents.off, tenantId, support, billing],
    );
    await db.query(
      `INSERT INTO routing_rules (id, tenant_id, name, position, conditions, team_id, priority) VALUES
        ($1, $3, 'Billing', 1, '{"category":["billing"]}', $4, 'high'), ($2, $3, 'Everything else', 2, '{}', $5, NULL)`,
      [newId(), newId(), tenantId, billing, support],
    );
    capacity = new InMemoryCapacityStore();
    assign = new AssignTicketsUseCase(db, new RoutingDirectory(createLogger('test')), capacity, createLogger('test'));
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

  async function newTickets(count: number, category = ''): Promise<TicketToRoute[]> {
    const messages = Array.from({ length: count }, () => validateInboundMessage(factory.inboundMessage({ category })));
    const outcomes = await ingest.execute({ messages, refused: [] });
    return outcomes.map((o) => ({
      tenantSlug: 'acme',
      ticketId: 'ticketId' in o ? o.ticketId : '',
      category,
      tier: 'standard',
      region: '',
      channel: 'web',
    }));
  }

  it('assigns by rule to the least-loaded online agent, never to an offline one', async () => {
    const outcomes = await assign.execute(await newTickets(6));
    const byAgent = new Map<string, number>();
    for (const o of outcomes) byAgent.set(o.agentId ?? 'none', (byAgent.get(o.agentId ?? 'none') ?? 0) + 1);
    expect(byAgent.get(agents.ann)).toBe(3);
    expect(byAgent.get(agents.ben)).toBe(3);
    expect(byAgent.has(agents.off)).toBe(false);
    const rows = await db.query<{ status: string; team_id: string }>(
      `SELECT status, team_id FROM tickets WHERE assignee_id IS NOT NULL`,
    );
    expect(rows.every((r) => r.status === 'assigned' && r.team_id === support)).toBe(true);
  });

  it('applies the rule priority, and queues a ticket when the team is full', async () => {
    const outcomes = await assign.execute(await newTickets(2, 'billing'));
    expect(outcomes.map((o) => o.outcome)).toEqual(['assigned', 'queued']);
    const queued = await db.query<{ status: string; team_id: string; assignee_id: string | null; priority: string }>(
      `SELECT status, team_id, assignee_id, priority FROM tickets WHERE id = $1`,
      [outcomes[1]?.ticketId],
    );
    expect(queued[0]).toEqual({ status: 'new', team_id: billing, assignee_id: null, priority: 'high' });
  });

  it('never assigns a ticket twice when its event is delivered again, and gives the reservation back', async () => {
    const tickets = await newTickets(1);
    const [first] = await assign.execute(tickets);
    const loadsBefore = await capacity.loads(tenantId, [agents.ann, agents.ben]);
    const [again] = await assign.execute(tickets);
    expect(first?.outcome).toBe('assigned');
    expect(again?.outcome).toBe('already_routed');
    expect(await capacity.loads(tenantId, [agents.ann, agents.ben])).toEqual(loadsBefore);
    const events = await db.query(`SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'assigned'`, [
      first?.ticketId,
    ]);
    expect(events).toHaveLength(1);
  });

  it('stores the decision trace on the audit trail', async () => {
    const [outcome] = await assign.execute(await newTickets(1));
    const [event] = await db.query<{
      data: { trace: { rule: { name: string }; outcome: string; candidates: unknown[] } };
    }>(`SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'assigned'`, [outcome?.ticketId]);
    expect(event?.data.trace.rule.name).toBe('Everything else');
    expect(event?.data.trace.outcome).toBe('assigned');
    expect(event?.data.trace.candidates).toHaveLength(3);
  });

  it('rebuilds the counters from Postgres after the coordination store lost them', async () => {
    const fresh = new InMemoryCapacityStore();
    await reconcileCapacity(db, fresh);
    expect(await fresh.loads(tenantId, [agents.ann, agents.ben, agents.cat])).toEqual(
      await capacity.loads(tenantId, [agents.ann, agents.ben, agents.cat]),
    );
  });

  async function ticketFrom(email: string): Promise<TicketToRoute> {
    const [outcome] = await ingest.execute({
      messages: [validateInboundMessage(factory.inboundMessage({ email }))],
      refused: [],
    });
    const ticketId = outcome && 'ticketId' in outcome ? outcome.ticketId : '';
    const [row] = await db.query<{ customer_id: string }>(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]);
    return {
      tenantSlug: 'acme',
      ticketId,
      customerId: row?.customer_id,
      category: '',
      tier: 'standard',
      region: '',
      channel: 'web',
    };
  }

  const freshAssign = (): AssignTicketsUseCase =>
    new AssignTicketsUseCase(db, new RoutingDirectory(createLogger('test'), 0), capacity, createLogger('test'));

  it('takes turns between agents in a round-robin team', async () => {
    await db.query(`UPDATE teams SET strategy = 'round_robin' WHERE id = $1`, [support]);
    await db.query(`UPDATE agents SET capacity = 100 WHERE team_id = $1`, [support]);
    const assign = freshAssign();
    const picks: (string | null)[] = [];
    for (let i = 0; i < 4; i++)
      picks.push((await assign.execute([await ticketFrom(`rr${i}@example.com`)]))[0]?.agentId ?? null);
    expect(picks[0]).not.toBe(picks[1]);
    expect(picks[2]).toBe(picks[0]);
    expect(picks[3]).toBe(picks[1]);
  });

  it("gives a sticky team's returning customer the agent they had before", async () => {
    await db.query(`UPDATE teams SET strategy = 'sticky' WHERE id = $1`, [support]);
    const assign = freshAssign();
    const first = (await assign.execute([await ticketFrom('returning@example.com')]))[0]?.agentId;
    const others = await assign.execute([
      await ticketFrom('someone@example.com'),
      await ticketFrom('else@example.com'),
    ]);
    const again = (await assign.execute([await ticketFrom('returning@example.com')]))[0]?.agentId;
    expect(first).toBeDefined();
    expect(others.every((o) => o.outcome === 'assigned')).toBe(true);
    expect(again).toBe(first);
    await db.query(`UPDATE teams SET strategy = 'least_loaded' WHERE id = $1`, [support]);
  });

  it('gives a ticket only to agents with the skills its rule requires, and queues it until one has them', async () => {
    const team = newId();
    const [novice, expert] = [newId(), newId()];
    await db.query(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $2, 'Languages')`, [team, tenantId]);
    await db.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, presence, capacity) VALUES
        ($1, $3, $4, 'novice@acme.test', 'Novice', 'online', 50), ($2, $3, $4, 'expert@acme.test', 'Expert', 'online', 50)`,
      [novice, expert, tenantId, team],
    );
    await db.query(
      `INSERT INTO agent_skills (tenant_id, agent_id, skill, level) VALUES ($1, $2, 'chinese', 1), ($1, $3, 'chinese', 3)`,
      [tenantId, novice, expert],
    );
    await db.query(
      `INSERT INTO routing_rules (id, tenant_id, name, position, conditions, team_id, required_skills) VALUES
        ($1, $3, 'Chinese', -2, '{"category":["chinese"]}', $4, '[{"skill":"chinese","minLevel":2}]'),
        ($2, $3, 'Japanese', -1, '{"category":["japanese"]}', $4, '[{"skill":"japanese","minLevel":1}]')`,
      [newId(), newId(), tenantId, team],
    );
    const assign = freshAssign();
    const chinese = await assign.execute(await newTickets(3, 'chinese'));
    expect(chinese.map((o) => o.agentId)).toEqual([expert, expert, expert]);
    const [japanese] = await assign.execute(await newTickets(1, 'japanese'));
    expect(japanese?.outcome).toBe('queued');
    const [queued] = await db.query<{ data: { trace: { candidates: { missingSkills?: string[] }[] } } }>(
      `SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'queued'`,
      [japanese?.ticketId],
    );
    expect(queued?.data.trace.candidates.map((c) => c.missingSkills)).toEqual([['japanese'], ['japanese']]);
    await db.query(`INSERT INTO agent_skills (tenant_id, agent_id, skill, level) VALUES ($1, $2, 'japanese', 1)`, [
      tenantId,
      novice,
    ]);
    expect(
      await new DrainTeamQueuesUseCase(db, new RoutingDirectory(createLogger('test'), 0), capacity).execute(),
    ).toBe(1);
    const [row] = await db.query<{ assignee_id: string }>(`SELECT assignee_id FROM tickets WHERE id = $1`, [
      japanese?.ticketId,
    ]);
    expect(row?.assignee_id).toBe(novice);
  });
});
