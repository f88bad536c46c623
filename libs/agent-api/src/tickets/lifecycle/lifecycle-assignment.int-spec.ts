import { startAgentApiHarness, type AgentApiHarness } from '../../testing/agent-api.harness';
import {
  extraAgent,
  lifecycleTicket,
  loadsOf,
  outboxEventsOf,
  reviewedTicketType,
  type TicketFixture,
} from '../../testing/lifecycle.fixtures';

interface StateAnswer {
  ticket: {
    status: string;
    version: number;
    team: { id: string; name: string } | null;
    assignee: { id: string; name: string } | null;
    assignedAt: string | null;
  };
  error: { code: string; message: string; fields?: { field: string; reason: string }[] };
}

// Every counter starts here, so a release shows as a drop (counters never go below zero).
const STARTING_LOAD = 5;

describe('agent API: assignment, transfer and agent load, on real Postgres', () => {
  let harness: AgentApiHarness;
  let frank: { id: string; token: string };

  beforeAll(async () => {
    harness = await startAgentApiHarness('agent_api_lifecycle_assignment');
    frank = await extraAgent(harness, 'frank', 'agent', 'billing');
    const { alice, bob, carol, dana } = harness.world.agents;
    // Counters start from Postgres (the harness reconciles); lift them so a release never meets the floor at 0.
    const tenantId = harness.world.demoTenantId;
    await harness.capacity.add(
      [alice, bob, carol, dana, frank.id].flatMap((agentId) =>
        Array.from({ length: STARTING_LOAD }, () => ({ tenantId, agentId })),
      ),
    );
  });
  afterAll(async () => {
    await harness.close();
  });

  const ticketWith = (fixture: TicketFixture) => lifecycleTicket(harness, fixture);
  const post = (path: string, token: string, body: Record<string, unknown>) =>
    harness.api.postAs<StateAnswer>(`/api/v1/tickets/${path}`, token, body);
  const auditOf = async (ticketId: string) =>
    harness.db.query<{ type: string; actor_id: string; source: string; data: Record<string, unknown> }>(
      `SELECT type, actor_id, source, data FROM ticket_events WHERE ticket_id = $1 ORDER BY occurred_at, id`,
      [ticketId],
    );

  describe('assign', () => {
    it("lets a manager assign a new ticket of their team to its agent, as routing would, and reserves the agent's load", async () => {
      const { world, tokens } = harness;
      const ticket = await ticketWith({ team: 'billing', assignee: null, status: 'new' });
      const [before] = await loadsOf(harness, frank.id);
      const answer = await post(`${ticket.number}/assign`, tokens.carol, { agentId: frank.id });
      expect(answer.status).toBe(200);
      expect(answer.body.ticket).toMatchObject({
        status: 'assigned',
        version: 1,
        team: { id: world.teams.billing, name: 'Billing' },
        assignee: { id: frank.id, name: 'frank' },
      });
      expect(answer.body.ticket.assignedAt).not.toBeNull();
      expect(await loadsOf(harness, frank.id)).toEqual([(before ?? 0) + 1]);
      const [audit] = await auditOf(ticket.id);
      expect(audit).toMatchObject({
        type: 'assigned',
        actor_id: world.agents.carol,
        source: 'agent_api',
        data: {
          before: { status: 'new', assigneeId: null },
          after: { status: 'assigned', assigneeId: frank.id, teamId: world.teams.billing },
          capacity: { overCapacity: false },
        },
      });
      const [event] = await outboxEventsOf(harness, ticket.id);
      expect(event?.case).toBe('assigned');
      expect(event?.value).toMatchObject({ agentId: frank.id, teamId: world.teams.billing });
    });

    it('keeps the working status on reassignment and moves the load from the old to the new assignee', async () => {
      const { world, tokens } = harness;
      const ticket = await ticketWith({ team: 'billing', assignee: 'carol', status: 'in_progress' });
      const before = await loadsOf(harness, world.agents.carol, frank.id);
      const answer = await post(`${ticket.id}/assign`, tokens.dana, { agentId: frank.id });
      expect(answer.body.ticket).toMatchObject({ status: 'in_progress', assignee: { id: frank.id } });
      expect(await loadsOf(harness, world.agents.carol, frank.id)).toEqual([
        (before[0] ?? 0) - 1,
        (before[1] ?? 0) + 1,
      ]);
    });

    it('lets an agent take an unassigned ticket of their team, and nothing more', async () => {
      const { world, tokens } = harness;
      const ticket = await ticketWith({ team: 'support', assignee: null, status: 'new' });
      expect((await post(`${ticket.number}/assign`, tokens.alice, { agentId: world.agents.bob })).status).toBe(403);
      const billing = await ticketWith({ team: 'billing', assignee: null, status: 'new' });
      expect((await post(`${billing.number}/assign`, tokens.alice, { agentId: world.agents.alice })).status).toBe(404);
      const taken = await post(`${ticket.number}/assign`, tokens.alice, { agentId: world.agents.alice });
      expect(taken.body.ticket).toMatchObject({ status: 'assigned', assignee: { id: world.agents.alice } });
      const stolen = await post(`${ticket.number}/assign`, tokens.bob, { agentId: world.agents.bob });
      expect(stolen.body.error.code).toBe('ticket_not_found');
      const handedOn = await post(`${ticket.number}/assign`, tokens.alice, { agentId: world.agents.bob });
      expect(handedOn.status).toBe(403);
    });

    it('lets only one of two agents racing for the same unassigned ticket take it', async () => {
      const { world, tokens } = harness;
      const ticket = await ticketWith({ team: 'support', assignee: null, status: 'new' });
      const before = await loadsOf(harness, world.agents.alice, world.agents.bob);
      const answers = await Promise.all([
        post(`${ticket.number}/assign`, tokens.alice, { agentId: world.agents.alice }),
        post(`${ticket.number}/assign`, tokens.bob, { agentId: world.agents.bob }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 404]);
      const after = await loadsOf(harness, world.agents.alice, world.agents.bob);
      expect((after[0] ?? 0) + (after[1] ?? 0)).toBe((before[0] ?? 0) + (before[1] ?? 0) + 1);
      expect((await auditOf(ticket.id)).map((e) => e.type)).toEqual(['assigned']);
    });

    it("keeps a manager to their own team's tickets and agents", async () => {
      const { world, tokens } = harness;
      const support = await ticketWith({ team: 'support', assignee: null, status: 'new' });
      expect((await post(`${support.number}/assign`, tokens.carol, { agentId: world.agents.carol })).status).toBe(404);
      const billing = await ticketWith({ team: 'billing', assignee: null, status: 'new' });
      const outsider = await post(`${billing.number}/assign`, tokens.carol, { agentId: world.agents.alice });
      expect(outsider.status).toBe(422);
      expect(outsider.body.error).toMatchObject({ code: 'invalid_assignee', fields: [{ field: 'agentId' }] });
    });

    it("puts a teamless ticket an admin assigns into the agent's team", async () => {
      const { world, tokens } = harness;
      const ticket = await ticketWith({ team: null, assignee: null, status: 'new' });
      const answer = await post(`${ticket.number}/assign`, tokens.dana, { agentId: world.agents.bob });
      expect(answer.body.ticket).toMatchObject({ status: 'assigned', team: { id: world.teams.support } });
    });

    it('lets a manager fill an agent beyond capacity and records the override', async () => {
      const { db, tokens } = harness;
      const gina = await extraAgent(harness, 'gina', 'agent', 'billing');
      await db.query(`UPDATE agents SET capacity = 1 WHERE id = $1`, [gina.id]);
      const first = await ticketWith({ team: 'billing', assignee: null, status: 'new' });
      const second = await ticketWith({ team: 'billing', assignee: null, status: 'new' });
      expect((await post(`${first.number}/assign`, tokens.carol, { agentId: gina.id })).status).toBe(200);
      expect((await post(`${second.number}/assign`, tokens.carol, { agentId: gina.id })).status).toBe(200);
      const [firstAudit] = await auditOf(first.id);
      const [secondAudit] = await auditOf(second.id);
      expect(firstAudit?.data['capacity']).toEqual({ limit: 1, openTickets: 0, overCapacity: false });
      expect(secondAudit?.data['capacity']).toEqual({ limit: 1, openTickets: 1, overCapacity: true });
      expect(await loadsOf(harness, gina.id)).toEqual([2]);
    });

    it('changes nothing when the ticket already has that assignee', async () => {
      const ticket = await ticketWith({ assignee: 'alice' });
      const before = await loadsOf(harness, harness.world.agents.alice);
      const answer = await post(`${ticket.number}/assign`, harness.tokens.dana, {
        agentId: harness.world.agents.alice,
      });
      expect(answer.body.ticket.version).toBe(0);
      expect(await auditOf(ticket.id)).toEqual([]);
      expect(await loadsOf(harness, harness.world.agents.alice)).toEqual(before);
    });

    it('refuses to assign a resolved ticket, and agents of another tenant', async () => {
      const { world, tokens } = harness;
      const resolved = await ticketWith({ status: 'resolved' });
      const answer = await post(`${resolved.number}/assign`, tokens.dana, { agentId: world.agents.bob });
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'invalid_transition' } } });
      const ticket = await ticketWith({ team: 'support', assignee: null, status: 'new' });
      expect((await post(`${ticket.number}/assign`, tokens.dana, { agentId: world.agents.eve })).status).toBe(422);
      expect((await post(`${ticket.number}/assign`, tokens.eve, { agentId: world.agents.eve })).status).toBe(404);
    });
  });

  describe('transfer', () => {
    it("moves the assignee's ticket into another team's queue and releases their load", async () => {
      const { world, tokens } = harness;
      const ticket = await ticketWith({ assignee: 'alice', status: 'in_progress' });
      const [before] = await loadsOf(harness, world.agents.alice);
      const answer = await post(`${ticket.number}/transfer`, tokens.alice, {
        teamId: world.teams.billing,
        reason: 'A billing question',
      });
      expect(answer.body.ticket).toMatchObject({
        status: 'new',
        team: { id: world.teams.billing },
        assignee: null,
        assignedAt: null,
      });
      expect(await loadsOf(harness, world.agents.alice)).toEqual([(before ?? 0) - 1]);
      // In the new team's queue from now: its overflow wait starts at the transfer.
      const [queued] = await harness.db.query<{ waiting: boolean }>(
        `SELECT queued_at > now() - interval '1 minute' AS waiting FROM tickets WHERE id = $1`,
        [ticket.id],
      );
      expect(queued?.waiting).toBe(true);
      const [event] = await outboxEventsOf(harness, ticket.id);
      expect(event?.case).toBe('transferred');
      expect(event?.value).toMatchObject({
        fromTeamId: world.teams.support,
        fromAgentId: world.agents.alice,
        toTeamId: world.teams.billing,
        toAgentId: '',
        reason: 'A billing question',
      });
      expect((await post(`${ticket.number}/status`, tokens.alice, { status: 'on_hold' })).status).toBe(404);
    });

    it('hands a ticket to a named agent of the target team, moving the load between them', async () => {
      const { world, tokens } = harness;
      const ticket = await ticketWith({ team: 'billing', assignee: 'carol', status: 'pending_customer' });
      const before = await loadsOf(harness, world.agents.carol, world.agents.bob);
      const answer = await post(`${ticket.number}/transfer`, tokens.carol, {
        teamId: world.teams.support,
        agentId: world.agents.bob,
        reason: 'Shipping issue',
      });
      expect(answer.body.ticket).toMatchObject({ status: 'assigned', assignee: { id: world.agents.bob } });
      expect(await loadsOf(harness, world.agents.carol, world.agents.bob)).toEqual([
        (before[0] ?? 0) - 1,
        (before[1] ?? 0) + 1,
      ]);
    });

    it('refuses a transfer to the same team, to an agent outside the team, without reason, or by an outsider', async () => {
      const { world, tokens } = harness;
      const ticket = await ticketWith({ assignee: 'alice' });
      const same = await post(`${ticket.number}/transfer`, tokens.dana, { teamId: world.teams.support, reason: 'x' });
      expect(same.body.error).toMatchObject({ code: 'invalid_team', fields: [{ field: 'teamId' }] });
      const outsider = await post(`${ticket.number}/transfer`, tokens.dana, {
        teamId: world.teams.billing,
        agentId: world.agents.bob,
        reason: 'x',
      });
      expect(outsider.body.error.code).toBe('invalid_assignee');
      const noReason = await post(`${ticket.number}/transfer`, tokens.alice, { teamId: world.teams.billing });
      expect(noReason.status).toBe(400);
      const byBob = await post(`${ticket.number}/transfer`, tokens.bob, { teamId: world.teams.billing, reason: 'x' });
      expect(byBob.status).toBe(404);
      expect(await auditOf(ticket.id)).toEqual([]);
    });
  });

  describe('load on resolve, close, reopen and review', () => {
    it('releases on resolve, keeps on close, reserves again on reopen', async () => {
      const { world, tokens } = harness;
      const ticket = await ticketWith({ assignee: 'bob', status: 'in_progress' });
      const [start] = await loadsOf(harness, world.agents.bob);
      const status = (to: string) => post(`${ticket.number}/status`, tokens.bob, { status: to });
      await status('resolved');
      expect(await loadsOf(harness, world.agents.bob)).toEqual([(start ?? 0) - 1]);
      await status('closed');
      expect(await loadsOf(harness, world.agents.bob)).toEqual([(start ?? 0) - 1]);
      await status('in_progress');
      expect(await loadsOf(harness, world.agents.bob)).toEqual([start]);
      const events = await outboxEventsOf(harness, ticket.id);
      expect(events.map((e) => e.case)).toEqual(['statusChanged', 'statusChanged', 'reopened']);
    });

    it('holds the load while in review and releases it on approval', async () => {
      const { world, tokens } = harness;
      const typeId = await reviewedTicketType(harness, 'admin');
      const ticket = await ticketWith({ assignee: 'bob', status: 'in_progress', typeId });
      const [start] = await loadsOf(harness, world.agents.bob);
      await post(`${ticket.number}/status`, tokens.bob, { status: 'resolved' });
      expect(await loadsOf(harness, world.agents.bob)).toEqual([start]);
      await post(`${ticket.number}/review`, tokens.dana, { decision: 'approve' });
      expect(await loadsOf(harness, world.agents.bob)).toEqual([(start ?? 0) - 1]);
      const events = await outboxEventsOf(harness, ticket.id);
      expect(events.map((e) => e.case)).toEqual(['statusChanged', 'reviewDecided']);
      expect(events[1]?.value).toMatchObject({ approved: true });
    });
  });
});
