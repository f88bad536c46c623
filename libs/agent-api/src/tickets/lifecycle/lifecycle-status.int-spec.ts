import { ArchiveClosedTicketsUseCase } from '@switchboard/tickets';
import { startAgentApiHarness, type AgentApiHarness, type Caller } from '../../testing/agent-api.harness';
import { extraAgent, lifecycleTicket, reviewedTicketType, type TicketFixture } from '../../testing/lifecycle.fixtures';

interface TicketAnswer {
  ticket: { status: string; version: number; reopenCount: number; resolvedAt: string | null; closedAt: string | null };
}

interface ErrorAnswer {
  error: { code: string; message: string; fields?: { field: string; reason: string; message: string }[] };
}

interface HistoryAnswer {
  ticket: { id: string; number: string };
  events: {
    id: string;
    ticketId: string;
    ticketNumber: string;
    type: string;
    occurredAt: string;
    actor: { kind: string; id: string | null; name?: string };
    source: string;
    data: { before?: Record<string, unknown>; after?: Record<string, unknown>; reason?: string };
  }[];
}

describe('agent API: ticket status lifecycle, on real Postgres', () => {
  let harness: AgentApiHarness;

  beforeAll(async () => {
    harness = await startAgentApiHarness('agent_api_lifecycle_status');
  });
  afterAll(async () => {
    await harness.close();
  });

  const setStatus = (ref: string, caller: Caller, body: Record<string, unknown>) =>
    harness.api.postAs<TicketAnswer & ErrorAnswer>(`/api/v1/tickets/${ref}/status`, harness.tokens[caller], body);

  const ticketWith = (fixture: TicketFixture) => lifecycleTicket(harness, fixture);

  describe('status changes', () => {
    it.each([
      ['assigned', 'in_progress'],
      ['in_progress', 'pending_customer'],
      ['in_progress', 'on_hold'],
      ['pending_customer', 'in_progress'],
      ['on_hold', 'in_progress'],
      ['assigned', 'resolved'],
      ['in_progress', 'resolved'],
      ['pending_customer', 'resolved'],
      ['on_hold', 'resolved'],
      ['resolved', 'closed'],
    ])('moves a ticket from %s to %s and bumps its version', async (from, to) => {
      const ticket = await ticketWith({ status: from });
      const answer = await setStatus(ticket.number, 'alice', { status: to });
      expect(answer.status).toBe(200);
      expect(answer.body.ticket).toMatchObject({ status: to, version: 1, reopenCount: 0 });
      const [row] = await harness.db.query<{ status: string; version: number }>(
        `SELECT status, version FROM tickets WHERE id = $1`,
        [ticket.id],
      );
      expect(row).toEqual({ status: to, version: 1 });
    });

    it('sets resolved_at on resolve and closed_at on close, and clears both on reopen', async () => {
      const ticket = await ticketWith({ status: 'in_progress' });
      const resolved = await setStatus(ticket.id, 'alice', { status: 'resolved' });
      expect(resolved.body.ticket.resolvedAt).not.toBeNull();
      const closed = await setStatus(ticket.id, 'alice', { status: 'closed' });
      expect(closed.body.ticket).toMatchObject({ status: 'closed', version: 2 });
      expect(closed.body.ticket.resolvedAt).toBe(resolved.body.ticket.resolvedAt);
      expect(closed.body.ticket.closedAt).not.toBeNull();
      const reopened = await setStatus(ticket.id, 'alice', { status: 'in_progress', reason: 'Customer wrote back' });
      expect(reopened.body.ticket).toMatchObject({
        status: 'in_progress',
        version: 3,
        reopenCount: 1,
        resolvedAt: null,
        closedAt: null,
      });
    });

    it.each([
      ['new', 'in_progress', '[]'],
      ['assigned', 'closed', '[in_progress, resolved]'],
      ['resolved', 'on_hold', '[in_progress, closed]'],
      ['pending_customer', 'on_hold', '[in_progress, resolved]'],
      ['closed', 'resolved', '[in_progress]'],
    ])('refuses %s → %s with 409 invalid_transition listing %s', async (from, to, allowed) => {
      const ticket = await ticketWith({ status: from, assignee: from === 'new' ? null : 'alice' });
      const answer = await setStatus(ticket.number, 'dana', { status: to });
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('invalid_transition');
      expect(answer.body.error.message).toContain(`allowed: ${allowed}`);
      expect(answer.body.error.fields).toEqual([
        { field: 'status', reason: 'invalid_transition', message: `allowed: ${allowed}` },
      ]);
      const [row] = await harness.db.query<{ version: number }>(`SELECT version FROM tickets WHERE id = $1`, [
        ticket.id,
      ]);
      expect(row?.version).toBe(0);
    });

    it('refuses to resolve an incomplete ticket with 409 ticket_incomplete', async () => {
      const ticket = await ticketWith({ status: 'in_progress', incomplete: true });
      const answer = await setStatus(ticket.number, 'alice', { status: 'resolved' });
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'ticket_incomplete' } } });
      expect((await setStatus(ticket.number, 'alice', { status: 'on_hold' })).status).toBe(200);
    });

    it('keeps an archived ticket read-only: 409 ticket_archived for every change', async () => {
      const ticket = await ticketWith({
        status: 'closed',
        closedAt: '2025-01-01T00:00:00Z',
        archivedAt: '2025-06-01T00:00:00Z',
      });
      const { api, tokens, world } = harness;
      const answers = [
        await setStatus(ticket.number, 'alice', { status: 'in_progress' }),
        await api.postAs(`/api/v1/tickets/${ticket.number}/assign`, tokens.dana, { agentId: world.agents.bob }),
        await api.postAs(`/api/v1/tickets/${ticket.number}/transfer`, tokens.dana, {
          teamId: world.teams.billing,
          reason: 'Billing question',
        }),
      ];
      expect(answers.map((a) => [a.status, (a.body as unknown as ErrorAnswer).error.code])).toEqual([
        [409, 'ticket_archived'],
        [409, 'ticket_archived'],
        [409, 'ticket_archived'],
      ]);
    });

    it('refuses changes to a ticket merged into another with 409 ticket_merged', async () => {
      const survivor = await ticketWith({ status: 'in_progress' });
      const absorbed = await ticketWith({ status: 'closed', closedAt: '2026-02-01T11:00:00Z' });
      await harness.db.query(`UPDATE tickets SET merged_into_id = $2 WHERE id = $1`, [absorbed.id, survivor.id]);
      const answer = await setStatus(absorbed.number, 'alice', { status: 'in_progress' });
      expect(answer.status).toBe(409);
      expect(answer.body.error).toMatchObject({
        code: 'ticket_merged',
        message: `${absorbed.number} was merged into ${survivor.number}; change that ticket instead.`,
      });
    });

    it('answers 404 for tickets the caller may not see, other tenants included, and 400 for a bad body', async () => {
      const bobs = await ticketWith({ assignee: 'bob' });
      expect((await setStatus(bobs.number, 'alice', { status: 'in_progress' })).body.error.code).toBe(
        'ticket_not_found',
      );
      expect((await setStatus(bobs.number, 'carol', { status: 'in_progress' })).status).toBe(404);
      expect((await setStatus(bobs.number, 'eve', { status: 'in_progress' })).status).toBe(404);
      expect((await setStatus('SB-000001', 'eve', { status: 'in_progress' })).status).toBe(200);
      const [eveTicket] = await harness.db.query<{ status: string }>(
        `SELECT status FROM tickets WHERE tenant_id = $1 AND number = 'SB-000001'`,
        [harness.world.demoTenantId],
      );
      expect(eveTicket?.status).toBe('assigned');
      const bad = await setStatus(bobs.number, 'bob', { status: 'done' });
      expect(bad).toMatchObject({ status: 400, body: { error: { code: 'validation_failed' } } });
    });

    it("lets a manager move their team's tickets and an admin any ticket", async () => {
      const support = await ticketWith({ assignee: 'bob' });
      const billing = await ticketWith({ team: 'billing', assignee: 'carol' });
      expect((await setStatus(billing.number, 'carol', { status: 'in_progress' })).status).toBe(200);
      expect((await setStatus(support.number, 'dana', { status: 'in_progress' })).status).toBe(200);
    });
  });

  describe('review', () => {
    const review = (ref: string, token: string, body: Record<string, unknown>) =>
      harness.api.postAs<TicketAnswer & ErrorAnswer>(`/api/v1/tickets/${ref}/review`, token, body);

    it('sends a resolve of a review-required ticket to review, and a manager of the team approves it', async () => {
      const typeId = await reviewedTicketType(harness, 'manager');
      const grace = await extraAgent(harness, 'grace', 'manager', 'support');
      const ticket = await ticketWith({ status: 'in_progress', typeId });
      const submitted = await setStatus(ticket.number, 'alice', { status: 'resolved' });
      expect(submitted.body.ticket).toMatchObject({ status: 'review', resolvedAt: null });
      expect((await review(ticket.number, harness.tokens.alice, { decision: 'approve' })).status).toBe(403);
      expect((await review(ticket.number, harness.tokens.carol, { decision: 'approve' })).status).toBe(404);
      expect((await review(ticket.number, harness.tokens.bob, { decision: 'approve' })).status).toBe(404);
      const approved = await review(ticket.number, grace.token, { decision: 'approve' });
      expect(approved.status).toBe(200);
      expect(approved.body.ticket.status).toBe('resolved');
      expect(approved.body.ticket.resolvedAt).not.toBeNull();
    });

    it('sends a rejected ticket back to work with the reason, and requires that reason', async () => {
      const typeId = await reviewedTicketType(harness, 'admin');
      const ticket = await ticketWith({ status: 'review', typeId });
      const noReason = await review(ticket.number, harness.tokens.dana, { decision: 'reject' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.fields).toEqual([expect.objectContaining({ field: 'reason', reason: 'required' })]);
      const rejected = await review(ticket.number, harness.tokens.dana, {
        decision: 'reject',
        reason: 'Refund amount is wrong',
      });
      expect(rejected.body.ticket).toMatchObject({ status: 'in_progress', reopenCount: 0 });
      const [event] = await harness.db.query<{ type: string; data: { reason: string; decision: string } }>(
        `SELECT type, data FROM ticket_events WHERE ticket_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
        [ticket.id],
      );
      expect(event).toMatchObject({
        type: 'review_decided',
        data: { decision: 'reject', reason: 'Refund amount is wrong' },
      });
    });

    it('lets a peer of the team review when the reviewer role is agent, never the assignee', async () => {
      const typeId = await reviewedTicketType(harness, 'agent');
      const ticket = await ticketWith({ status: 'review', typeId });
      expect((await review(ticket.number, harness.tokens.alice, { decision: 'approve' })).status).toBe(403);
      expect((await review(ticket.number, harness.tokens.bob, { decision: 'approve' })).body.ticket.status).toBe(
        'resolved',
      );
    });

    it('refuses a review of a ticket not in review, and a status change of a ticket in review', async () => {
      const typeId = await reviewedTicketType(harness, 'manager');
      const working = await ticketWith({ status: 'in_progress', typeId });
      const answer = await review(working.number, harness.tokens.dana, { decision: 'approve' });
      expect(answer).toMatchObject({ status: 409, body: { error: { code: 'invalid_transition' } } });
      const waiting = await ticketWith({ status: 'review', typeId });
      const bypass = await setStatus(waiting.number, 'alice', { status: 'resolved' });
      expect(bypass.body.error.message).toContain('allowed: []');
    });

    it('refuses to send an incomplete ticket to review', async () => {
      const typeId = await reviewedTicketType(harness, 'manager');
      const ticket = await ticketWith({ status: 'in_progress', typeId, incomplete: true });
      expect((await setStatus(ticket.number, 'alice', { status: 'resolved' })).body.error.code).toBe(
        'ticket_incomplete',
      );
    });
  });

  describe('archiver', () => {
    it('archives tickets closed longer than the tenant allows, emits TicketArchived, and nothing else', async () => {
      const { db, world } = harness;
      await db.query(`UPDATE tenants SET archive_after_days = 30 WHERE id = $1`, [world.demoTenantId]);
      const old = await ticketWith({ status: 'closed', closedAt: '2025-06-01T00:00:00Z' });
      const recent = await ticketWith({ status: 'closed', closedAt: '2025-07-20T00:00:00Z' });
      const resolvedLongAgo = await ticketWith({ status: 'resolved', closedAt: undefined });
      await db.query(`UPDATE tickets SET resolved_at = '2025-01-01T00:00:00Z' WHERE id = $1`, [resolvedLongAgo.id]);
      const published: number[] = [];
      const archiver = new ArchiveClosedTicketsUseCase({
        db,
        onCommitted: (rows) => published.push(rows.length),
        batchSize: 1,
      });

      // Other tests' closed tickets are younger than 2025-08: only this test's tickets can be due.
      expect(await archiver.execute(new Date('2025-08-01T00:00:00Z'))).toBe(1);
      const rows = await db.query<{ id: string; status: string; archived_at: Date | null; version: number }>(
        `SELECT id, status, archived_at, version FROM tickets WHERE id = ANY($1::uuid[])`,
        [[old.id, recent.id, resolvedLongAgo.id]],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(old.id)).toMatchObject({
        status: 'closed',
        archived_at: new Date('2025-08-01T00:00:00Z'),
        version: 1,
      });
      expect(byId.get(recent.id)?.archived_at).toBeNull();
      expect(byId.get(resolvedLongAgo.id)?.archived_at).toBeNull();
      const events = await db.query<{ type: string; source: string; actor_kind: string }>(
        `SELECT type, source, actor_kind FROM ticket_events WHERE ticket_id = $1`,
        [old.id],
      );
      expect(events).toEqual([{ type: 'archived', source: 'scheduler', actor_kind: 'system' }]);
      const outbox = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM outbox WHERE key = $1`, [
        old.id,
      ]);
      expect(outbox[0]?.count).toBe(1);
      expect(published.reduce((a, b) => a + b, 0)).toBe(1);

      expect(await archiver.execute(new Date('2025-08-01T00:00:00Z'))).toBe(0);
      expect(await archiver.execute(new Date('2025-09-01T00:00:00Z'))).toBe(1);
      const answer = await setStatus(recent.number, 'alice', { status: 'in_progress' });
      expect(answer.body.error.code).toBe('ticket_archived');
    });
  });

  describe('history', () => {
    it('lists every change oldest first with actor, source and before/after, merged tickets included', async () => {
      const { db, world } = harness;
      const ticket = await ticketWith({ status: 'assigned' });
      const merged = await ticketWith({ status: 'closed' });
      await db.query(`UPDATE tickets SET merged_into_id = $2 WHERE id = $1`, [merged.id, ticket.id]);
      await db.query(
        `INSERT INTO ticket_events (id, tenant_id, ticket_id, type, actor_kind, data, occurred_at, source)
         VALUES (gen_random_uuid(), $1, $2, 'created', 'system', '{}', '2026-02-01T10:00:00Z', 'channel')`,
        [world.demoTenantId, merged.id],
      );
      await setStatus(ticket.number, 'alice', { status: 'in_progress' });
      await setStatus(ticket.number, 'alice', { status: 'on_hold', reason: 'Waiting for the warehouse' });
      await setStatus(ticket.number, 'alice', { status: 'resolved' });

      const answer = await harness.api.get<HistoryAnswer>(
        `/api/v1/tickets/${ticket.number}/history`,
        harness.tokens.alice,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.ticket).toEqual({ id: ticket.id, number: ticket.number });
      expect(answer.body.events.map((e) => [e.ticketNumber, e.type])).toEqual([
        [merged.number, 'created'],
        [ticket.number, 'status_changed'],
        [ticket.number, 'status_changed'],
        [ticket.number, 'status_changed'],
      ]);
      const hold = answer.body.events[2];
      expect(hold).toMatchObject({
        ticketId: ticket.id,
        actor: { kind: 'agent', id: world.agents.alice, name: 'Alice Chen' },
        source: 'agent_api',
        data: {
          before: { status: 'in_progress', assigneeId: world.agents.alice, teamId: world.teams.support },
          after: { status: 'on_hold', assigneeId: world.agents.alice, teamId: world.teams.support },
          reason: 'Waiting for the warehouse',
        },
      });
      const times = answer.body.events.map((e) => e.occurredAt);
      expect([...times].sort()).toEqual(times);
    });

    it('answers 404 for a ticket the caller may not see', async () => {
      const ticket = await ticketWith({ assignee: 'bob' });
      const answer = await harness.api.get<ErrorAnswer>(
        `/api/v1/tickets/${ticket.number}/history`,
        harness.tokens.alice,
      );
      expect(answer).toMatchObject({ status: 404, body: { error: { code: 'ticket_not_found' } } });
      expect((await harness.api.get(`/api/v1/tickets/${ticket.id}/history`, harness.tokens.eve)).status).toBe(404);
    });
  });
});
