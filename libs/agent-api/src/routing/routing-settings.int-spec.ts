import { testContext } from '@switchboard/testing';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

interface TeamBody {
  id: string;
  name: string;
  strategy: string;
  overflowTeamId: string | null;
  overflowAfterSeconds: number | null;
  agents: {
    id: string;
    capacity: number;
    channelCapacity: Record<string, number>;
    presence: string;
    openTickets: number;
    load: number;
  }[];
}

describe('agent API: team routing and agent capacity settings, on real Postgres', () => {
  let h: AgentApiHarness;

  beforeAll(async () => {
    h = await startAgentApiHarness('routing_settings');
  });
  afterAll(async () => {
    await h.close();
  });

  /** A tenant of the test's own for tests that change settings: Support (one agent), Billing, a manager, an admin. */
  async function ownTenant() {
    const tenant = await testContext(h.db).newTenant();
    const support = await tenant.team({ name: 'Support' });
    const billing = await tenant.team({ name: 'Billing' });
    const agent = await tenant.agent({ teamId: support.id });
    const manager = await tenant.agent({ teamId: billing.id, role: 'manager' });
    const admin = await tenant.agent({ role: 'admin' });
    const login = (who: { email: string; password: string | null }) =>
      h.api.tokenFor(who.email, who.password ?? '', tenant.slug);
    return { support, billing, agent, tokens: { manager: await login(manager), admin: await login(admin) } };
  }

  it('lists teams with each agent capacity per channel, defaults included, to managers and admins only', async () => {
    const answer = await h.api.get<TeamBody[]>('/api/v1/routing/teams', h.tokens.carol);
    expect(answer.status).toBe(200);
    const support = answer.body.find((t) => t.id === h.world.teams.support);
    expect(support).toMatchObject({ strategy: 'least_loaded', overflowTeamId: null, overflowAfterSeconds: null });
    const alice = support?.agents.find((a) => a.id === h.world.agents.alice);
    expect(alice?.channelCapacity).toEqual({ voice: 1, wechat: 5, sms: 5, web: 20, email: 20, api: 20 });
    expect((await h.api.get('/api/v1/routing/teams', h.tokens.alice)).status).toBe(403);
    expect((await h.api.get('/api/v1/routing/teams', h.tokens.eve)).status).toBe(403);
  });

  it("shows each agent's open tickets next to the load counter routing reserves against, so drift is visible", async () => {
    const aliceOf = async () =>
      (await h.api.get<TeamBody[]>('/api/v1/routing/teams', h.tokens.carol)).body
        .flatMap((t) => t.agents)
        .find((a) => a.id === h.world.agents.alice);
    const before = await aliceOf();
    const [open] = await h.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE assignee_id = $1 AND status NOT IN ('resolved', 'closed')`,
      [h.world.agents.alice],
    );
    expect(before).toMatchObject({ openTickets: open?.n, load: open?.n });
    expect(typeof before?.presence).toBe('string');
    await h.capacity.add([{ tenantId: h.world.demoTenantId, agentId: h.world.agents.alice }]);
    expect(await aliceOf()).toMatchObject({ openTickets: open?.n, load: (open?.n ?? 0) + 1 });
    await h.capacity.release([{ tenantId: h.world.demoTenantId, agentId: h.world.agents.alice }]);
  });

  it("sets a team's strategy and overflow, refusing itself, unknown teams and half a setting", async () => {
    const own = await ownTenant();
    const url = `/api/v1/routing/teams/${own.support.id}`;
    const saved = await h.api.put<TeamBody>(
      url,
      { strategy: 'round_robin', overflowTeamId: own.billing.id, overflowAfterSeconds: 900 },
      own.tokens.admin,
    );
    expect(saved).toMatchObject({
      status: 200,
      body: { strategy: 'round_robin', overflowTeamId: own.billing.id, overflowAfterSeconds: 900 },
    });
    const toItself = await h.api.put(
      url,
      { strategy: 'sticky', overflowTeamId: own.support.id, overflowAfterSeconds: 60 },
      own.tokens.admin,
    );
    expect(toItself).toMatchObject({ status: 400, body: { error: { fields: [{ field: 'overflowTeamId' }] } } });
    const unknown = await h.api.put(
      url,
      { strategy: 'sticky', overflowTeamId: '0190f5d2-0000-7000-8000-0000000000ff', overflowAfterSeconds: 60 },
      own.tokens.admin,
    );
    expect(unknown.status).toBe(400);
    expect((await h.api.put(url, { strategy: 'sticky', overflowAfterSeconds: 60 }, own.tokens.admin)).status).toBe(400);
    expect((await h.api.put(url, { strategy: 'sticky' }, own.tokens.manager)).status).toBe(403);
    const [row] = await h.db.query<{ strategy: string }>(`SELECT strategy FROM teams WHERE id = $1`, [own.support.id]);
    expect(row?.strategy).toBe('round_robin');
  });

  it("sets an agent's capacity per channel and refuses channels that do not exist", async () => {
    const own = await ownTenant();
    const url = `/api/v1/routing/agents/${own.agent.id}/capacity`;
    const saved = await h.api.put<TeamBody['agents'][number]>(
      url,
      { capacity: 8, channelCapacity: { voice: 2, email: 3 } },
      own.tokens.admin,
    );
    expect(saved.status).toBe(200);
    expect(saved.body.channelCapacity).toEqual({ voice: 2, wechat: 5, sms: 5, web: 8, email: 3, api: 8 });
    expect((await h.api.put(url, { capacity: 8, channelCapacity: { fax: 1 } }, own.tokens.admin)).status).toBe(400);
    expect((await h.api.put(url, { capacity: -1 }, own.tokens.admin)).status).toBe(400);
    const eveTries = await h.api.put(url, { capacity: 1 }, h.tokens.eve);
    expect(eveTries.status).toBe(403);
  });
});
