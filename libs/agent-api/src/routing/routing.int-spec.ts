import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RoutingDirectory } from '@switchboard/routing';
import { testContext } from '@switchboard/testing';
import { factory } from '../testing/agent-api.factory';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';
import type { AgentApiWorld } from '../testing/agent-api.world';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}
interface RuleBody {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  version: number;
  teamId: string;
}

describe('agent API: routing rules admin, dry run and explanations, on real Postgres', () => {
  let harness: AgentApiHarness;
  let app: NestFastifyApplication;
  let world: AgentApiWorld;
  let tokens: { alice: string; carol: string; dana: string };
  let routingChanges = 0;

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) => {
    const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() } satisfies Answer;
  };
  const fieldsOf = (answer: Answer) =>
    ((answer.body['error'] as { fields?: { field: string; reason: string }[] }).fields ?? []).map(
      (f) => `${f.field}:${f.reason}`,
    );
  const rule = (overrides: object = {}) => ({
    name: 'VIP customers',
    position: 3,
    conditions: { tier: ['vip'] },
    teamId: world.teams.support,
    priority: 'high',
    ...overrides,
  });

  /**
   * A tenant of the test's own for tests that change rules, so the demo tenant's rules stay as seeded:
   * an admin, Support, Billing with one online agent, and the demo's two rules.
   */
  async function ownTenant() {
    const tenant = await testContext(harness.db).newTenant();
    const support = await tenant.team({ name: 'Support' });
    const billing = await tenant.team({ name: 'Billing' });
    const admin = await tenant.agent({ role: 'admin' });
    const billingAgent = await tenant.agent({ teamId: billing.id, presence: 'online' });
    const billingRule = { name: 'Billing questions', position: 1, conditions: { category: ['billing'] } };
    await tenant.routingRule({ ...billingRule, teamId: billing.id });
    await tenant.routingRule({ name: 'Everything else', position: 2, teamId: support.id });
    const token = await harness.api.tokenFor(admin.email, admin.password ?? '', tenant.slug);
    const ownRule = (overrides: object = {}) => rule({ teamId: support.id, ...overrides });
    return { tenant, support, billing, admin, billingAgent, token, rule: ownRule };
  }

  beforeAll(async () => {
    harness = await startAgentApiHarness('agent_api_routing');
    ({ app, world } = harness);
    tokens = harness.tokens;
    // The process's one routing cache: every rule change drops it, so a dry run sees the change at once.
    const directory = app.get(RoutingDirectory, { strict: false });
    const invalidate = directory.invalidate.bind(directory);
    directory.invalidate = () => {
      routingChanges += 1;
      invalidate();
    };
  });
  afterAll(() => harness.close());

  describe('who may do what', () => {
    it.each([['alice'], ['carol']] as const)('forbids %s (not an admin) to read or change rules', async (who) => {
      const token = tokens[who];
      expect((await call('GET', '/api/v1/routing/rules', token)).status).toBe(403);
      const created = await call('POST', '/api/v1/routing/rules', token, rule());
      expect(created).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    });

    it('lets managers and admins dry-run, not agents', async () => {
      expect((await call('POST', '/api/v1/routing/dry-run', tokens.alice, {})).status).toBe(403);
      expect((await call('POST', '/api/v1/routing/dry-run', tokens.carol, {})).status).toBe(200);
      expect((await call('POST', '/api/v1/routing/dry-run', tokens.dana, {})).status).toBe(200);
    });

    it("lists the demo tenant's rules by position with version 1", async () => {
      const answer = await call('GET', '/api/v1/routing/rules', tokens.dana);
      expect(answer.status).toBe(200);
      const rules = answer.body['rules'] as RuleBody[];
      expect(rules.map((r) => [r.position, r.name, r.teamId, r.version, r.enabled])).toEqual([
        [1, 'Billing questions', world.teams.billing, 1, true],
        [2, 'Everything else', world.teams.support, 1, true],
      ]);
      expect(rules[0]).toMatchObject({ conditions: { category: ['billing'] }, priority: null });
      expect(rules[0]).toHaveProperty('updatedAt');
    });
  });

  describe('dry run on the seeded demo tenant', () => {
    it('sends a billing ticket to the Billing team and carol, reserving nothing', async () => {
      const [billingRule] = await harness.db.query<{ id: string }>(
        `SELECT id FROM routing_rules WHERE tenant_id = $1 AND position = 1`,
        [world.demoTenantId],
      );
      const answer = await call('POST', '/api/v1/routing/dry-run', tokens.carol, { category: 'Billing' });
      expect(answer).toMatchObject({ status: 200 });
      expect(answer.body).toEqual({
        rule: { id: billingRule?.id, name: 'Billing questions', because: ['category=billing'] },
        actions: { priority: null, tags: [], slaPolicy: null, category: null },
        team: { id: world.teams.billing, name: 'Billing' },
        candidates: [
          {
            agentId: world.agents.carol,
            name: 'Carol Wang',
            capacity: 20,
            channelCapacity: 20,
            presence: 'online',
            load: 1,
            eligible: true,
          },
        ],
        wouldAssignTo: world.agents.carol,
        outcome: 'assigned',
      });
      const again = await call('POST', '/api/v1/routing/dry-run', tokens.carol, { category: 'billing' });
      expect(again.body['candidates']).toEqual(answer.body['candidates']);
    });

    it('sends a general ticket to Support, to the agent with more spare capacity', async () => {
      const answer = await call('POST', '/api/v1/routing/dry-run', tokens.dana, { category: 'shipping', tier: 'std' });
      expect(answer.body).toMatchObject({
        rule: { name: 'Everything else', because: ['matches every ticket'] },
        team: { id: world.teams.support, name: 'Support' },
        wouldAssignTo: world.agents.bob,
        outcome: 'assigned',
      });
      const candidates = answer.body['candidates'] as { name: string; load: number; eligible: boolean }[];
      // alice has five open or pending tickets, bob one.
      expect(candidates.map((c) => [c.name, c.load, c.eligible])).toEqual([
        ['Alice Chen', 5, true],
        ['Bob Li', 1, true],
      ]);
    });

    it('rejects facts the router does not read', async () => {
      const answer = await call('POST', '/api/v1/routing/dry-run', tokens.dana, { mood: 'angry' });
      expect(answer.status).toBe(400);
      expect(fieldsOf(answer)).toEqual(['mood:unrecognized_key']);
    });
  });

  describe('saving rules', () => {
    it('rejects a condition on an unknown field, naming the field', async () => {
      const answer = await call(
        'POST',
        '/api/v1/routing/rules',
        tokens.dana,
        rule({ conditions: { colour: ['red'] } }),
      );
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
      expect(fieldsOf(answer)).toEqual(['conditions.colour:unrecognized_key']);
    });

    it("rejects another tenant's team as unknown", async () => {
      const otherTeam = await harness.db.query<{ id: string }>(`SELECT id FROM teams WHERE tenant_id <> $1`, [
        world.demoTenantId,
      ]);
      const answer = await call('POST', '/api/v1/routing/rules', tokens.dana, rule({ teamId: otherTeam[0]?.id }));
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
      expect(fieldsOf(answer)).toEqual(['teamId:unknown_team']);
    });

    it('refuses a position another rule holds with 409 position_taken', async () => {
      const answer = await call('POST', '/api/v1/routing/rules', tokens.dana, rule({ position: 2 }));
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'position_taken' } } });
    });

    it('lets only one of two concurrent creates take a free position', async () => {
      const own = await ownTenant();
      const answers = await Promise.all([
        call('POST', '/api/v1/routing/rules', own.token, own.rule({ name: 'First', position: 7 })),
        call('POST', '/api/v1/routing/rules', own.token, own.rule({ name: 'Second', position: 7 })),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const rules = (await call('GET', '/api/v1/routing/rules', own.token)).body['rules'] as RuleBody[];
      expect(rules.filter((r) => r.position === 7)).toHaveLength(1);
    });

    it('versions every save, keeps the replaced versions and tells this process', async () => {
      const own = await ownTenant();
      const changesBefore = routingChanges;
      const created = await call('POST', '/api/v1/routing/rules', own.token, own.rule());
      expect(created).toMatchObject({ status: 201, body: { name: 'VIP customers', version: 1, enabled: true } });
      const id = (created.body as unknown as RuleBody).id;

      const renamed = await call('PUT', `/api/v1/routing/rules/${id}`, own.token, {
        ...own.rule({ name: 'VIP' }),
        requiredSkills: [{ skill: 'vip-care', minLevel: 2 }],
      });
      expect(renamed).toMatchObject({
        status: 200,
        body: { id, name: 'VIP', version: 2, priority: 'high', requiredSkills: [{ skill: 'vip-care', minLevel: 2 }] },
      });
      const clash = await call('PUT', `/api/v1/routing/rules/${id}`, own.token, own.rule({ position: 1 }));
      expect(clash.status).toBe(409);
      const disabled = await call('DELETE', `/api/v1/routing/rules/${id}`, own.token);
      expect(disabled).toMatchObject({ status: 200, body: { id, name: 'VIP', version: 3, enabled: false } });

      const history = await call('GET', `/api/v1/routing/rules/${id}/versions`, own.token);
      expect(history.body['current']).toMatchObject({ version: 3, enabled: false });
      const versions = history.body['versions'] as { version: number; name: string; enabled: boolean }[];
      expect(versions.map((v) => [v.version, v.name, v.enabled])).toEqual([
        [2, 'VIP', true],
        [1, 'VIP customers', true],
      ]);
      expect(history.body['current']).toMatchObject({ requiredSkills: [{ skill: 'vip-care', minLevel: 2 }] });
      expect(versions[1]).toMatchObject({ requiredSkills: [] });
      expect(versions[0]).toMatchObject({ ruleId: id, replacedBy: own.admin.id });
      expect(routingChanges - changesBefore).toBe(3);
    });

    it('answers 404 for a rule of no one', async () => {
      const missing = '0190b6e0-0000-7000-8000-00000000dead';
      expect((await call('GET', `/api/v1/routing/rules/${missing}/versions`, tokens.dana)).status).toBe(404);
      expect((await call('PUT', `/api/v1/routing/rules/${missing}`, tokens.dana, rule())).status).toBe(404);
    });

    it('makes the next dry run use the saved rule at once', async () => {
      const own = await ownTenant();
      // A dry run first, so the process has this tenant's rules cached when the save lands.
      const before = await call('POST', '/api/v1/routing/dry-run', own.token, { category: 'refund' });
      expect(before.body).toMatchObject({ rule: { name: 'Everything else' }, team: { id: own.support.id } });
      const rules = (await call('GET', '/api/v1/routing/rules', own.token)).body['rules'] as RuleBody[];
      const billing = rules.find((r) => r.position === 1);
      const widened = own.rule({ name: 'Billing and refunds', position: 1, teamId: own.billing.id, priority: null });
      const saved = await call('PUT', `/api/v1/routing/rules/${billing?.id ?? ''}`, own.token, {
        ...widened,
        conditions: { category: ['billing', 'refund'] },
      });
      expect(saved.status).toBe(200);
      const answer = await call('POST', '/api/v1/routing/dry-run', own.token, { category: 'refund' });
      expect(answer.body).toMatchObject({ rule: { name: 'Billing and refunds' }, wouldAssignTo: own.billingAgent.id });
    });
  });

  describe("a ticket's routing explanation", () => {
    it('lists the assigned and queued decisions with their traces, oldest first, to whoever may read the ticket', async () => {
      const ticketId = world.tickets.get('SB-000007') ?? '';
      const trace = (outcome: string, chosenAgentId: string | null) => ({
        rule: { id: 'r1', name: 'Billing questions', because: ['category=billing'] },
        team: { id: world.teams.billing, name: 'Billing' },
        strategy: 'least_loaded',
        candidates: [],
        chosenAgentId,
        outcome,
      });
      const event = { tenantId: world.demoTenantId, ticketId };
      await factory.event(harness.db, {
        ...event,
        type: 'assigned',
        occurredAt: '2026-01-05T10:05:00Z',
        data: { trace: trace('assigned', world.agents.carol) },
      });
      await factory.event(harness.db, { ...event, type: 'note_added', occurredAt: '2026-01-05T10:01:00Z' });
      await factory.event(harness.db, {
        ...event,
        type: 'queued',
        occurredAt: '2026-01-05T10:00:01Z',
        data: { trace: trace('queued_no_capacity', null) },
      });

      const answer = await call('GET', '/api/v1/tickets/SB-000007/routing', tokens.carol);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        ticketId,
        number: 'SB-000007',
        decisions: [
          { type: 'queued', occurredAt: '2026-01-05T10:00:01.000Z', trace: trace('queued_no_capacity', null) },
          { type: 'assigned', occurredAt: '2026-01-05T10:05:00.000Z', trace: trace('assigned', world.agents.carol) },
        ],
      });
      expect((await call('GET', `/api/v1/tickets/${ticketId}/routing`, tokens.dana)).body['number']).toBe('SB-000007');
      const hidden = await call('GET', '/api/v1/tickets/SB-000007/routing', tokens.alice);
      expect(hidden).toMatchObject({ status: 404, body: { error: { code: 'ticket_not_found' } } });
    });
  });
});
