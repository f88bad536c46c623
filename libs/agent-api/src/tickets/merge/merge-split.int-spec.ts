import { resolveMergedTicket, resolveMergedTickets } from '@switchboard/tickets';
import { startAgentApiHarness, type AgentApiHarness } from '../../testing/agent-api.harness';
import {
  advanceTicketNumbers,
  eventsOf,
  outboxTypesOf,
  relationMessages,
  relationTicket,
} from '../../testing/ticket-relations.fixtures';

interface TicketBody {
  id: string;
  number: string;
  status: string;
  assignee: { id: string } | null;
  team: { id: string } | null;
  subject: string;
  messages: { id: string }[];
}
interface MergeBody {
  ticket: TicketBody;
  merged: { id: string; number: string };
  movedMessageIds: string[];
  movedWatcherAgentIds: string[];
}
interface SplitBody {
  ticket: TicketBody;
  splitFrom: { id: string; number: string };
  movedMessageIds: string[];
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; reason: string }[] };
}

describe('ticket merge and split (agent API, real Postgres)', () => {
  let h: AgentApiHarness;

  beforeAll(async () => {
    h = await startAgentApiHarness('merge_split');
    await advanceTicketNumbers(h);
  });

  afterAll(async () => {
    await h.close();
  });

  const ticketRow = async (id: string) => {
    const [row] = await h.db.query<{ status: string; merged_into_id: string | null; closed_at: Date | null }>(
      `SELECT status, merged_into_id, closed_at FROM tickets WHERE id = $1`,
      [id],
    );
    return row;
  };
  const messageIdsOf = async (ticketId: string) =>
    (
      await h.db.query<{ id: string }>(`SELECT id FROM ticket_messages WHERE ticket_id = $1 ORDER BY received_at`, [
        ticketId,
      ])
    ).map((r) => r.id);
  const watcherIdsOf = async (ticketId: string) =>
    (
      await h.db.query<{ agent_id: string }>(
        `SELECT agent_id FROM ticket_watchers WHERE ticket_id = $1 ORDER BY agent_id`,
        [ticketId],
      )
    ).map((r) => r.agent_id);
  const aliceLoad = async () =>
    (await h.capacity.loads(h.world.demoTenantId, [h.world.agents.alice])).get(h.world.agents.alice) ?? 0;

  it("merges B into A: B's messages and watchers move, B closes pointing at A, both audit it, B's agent gets room back", async () => {
    const a = await relationTicket(h);
    const b = await relationTicket(h);
    const [aMessage = ''] = await relationMessages(h, a.id, 1);
    const bMessages = await relationMessages(h, b.id, 2);
    const { alice, bob, dana } = h.world.agents;
    expect((await h.api.put(`/api/v1/tickets/${a.number}/watchers/me`, {}, h.tokens.dana)).status).toBe(200);
    expect((await h.api.put(`/api/v1/tickets/${b.number}/watchers/me`, {}, h.tokens.dana)).status).toBe(200);
    await h.db.query(`INSERT INTO ticket_watchers (tenant_id, ticket_id, agent_id) VALUES ($1, $2, $3)`, [
      h.world.demoTenantId,
      b.id,
      bob,
    ]);
    await h.capacity.reserveLeastLoaded(h.world.demoTenantId, [{ agentId: alice, capacity: 10 }]);
    const loadBefore = await aliceLoad();

    const answer = await h.api.postAs<MergeBody>(`/api/v1/tickets/${a.number}/merge`, h.tokens.alice, {
      sourceTicket: b.number,
    });

    expect(answer.status).toBe(200);
    expect(answer.body.merged).toEqual({ id: b.id, number: b.number });
    expect(answer.body.movedMessageIds).toEqual(bMessages);
    expect(answer.body.ticket.messages.map((m) => m.id)).toEqual([aMessage, ...bMessages]);
    expect(await messageIdsOf(b.id)).toEqual([]);
    expect(await watcherIdsOf(a.id)).toEqual([bob, dana].sort());
    expect(await watcherIdsOf(b.id)).toEqual([]);
    expect(answer.body.movedWatcherAgentIds).toEqual([bob]);
    const bRow = await ticketRow(b.id);
    expect(bRow?.status).toBe('closed');
    expect(bRow?.merged_into_id).toBe(a.id);
    expect(bRow?.closed_at).toBeInstanceOf(Date);

    const bEvents = (await eventsOf(h, b.id)).filter((e) => e.type !== 'watcher_added');
    expect(bEvents.map((e) => e.type)).toEqual(['merged', 'status_changed']);
    expect(bEvents.every((e) => e.source === 'agent_api' && e.actor_kind === 'agent' && e.actor_id === alice)).toBe(
      true,
    );
    expect(bEvents[0]?.data).toMatchObject({
      intoTicketId: a.id,
      movedMessageIds: bMessages,
      before: { status: 'assigned', mergedIntoId: null },
      after: { status: 'closed', mergedIntoId: a.id },
    });
    expect(bEvents[1]?.data).toMatchObject({ before: { status: 'assigned' }, after: { status: 'closed' } });
    const aEvents = (await eventsOf(h, a.id)).filter((e) => e.type !== 'watcher_added');
    expect(aEvents.map((e) => e.type)).toEqual(['merged']);
    expect(aEvents[0]?.data).toMatchObject({
      fromTicketId: b.id,
      movedMessageIds: bMessages,
      before: { messageCount: 1 },
      after: { messageCount: 3 },
    });
    expect(await outboxTypesOf(h, b.id)).toEqual(['merged', 'status_changed']);
    expect(await outboxTypesOf(h, a.id)).toEqual(['merged']);
    expect(await aliceLoad()).toBe(loadBefore - 1);
    expect((await resolveMergedTicket(h.db, h.world.demoTenantId, b.id))?.id).toBe(a.id);
    const history = await h.api.get<{ events: { ticketId: string; type: string }[] }>(
      `/api/v1/tickets/${a.number}/history`,
      h.tokens.alice,
    );
    expect(history.body.events.filter((e) => e.ticketId === b.id).map((e) => e.type)).toEqual(
      expect.arrayContaining(['merged', 'status_changed']),
    );
  });

  it('re-points tickets merged into the absorbed one at the new survivor, so one hop always finds it', async () => {
    const [a, b, c] = [await relationTicket(h), await relationTicket(h), await relationTicket(h)];
    const merge = (into: string, from: string) =>
      h.api.postAs(`/api/v1/tickets/${into}/merge`, h.tokens.alice, { sourceTicket: from });
    expect((await merge(a.number, b.id)).status).toBe(200);
    expect((await merge(c.id, a.number)).status).toBe(200);
    expect((await ticketRow(b.id))?.merged_into_id).toBe(c.id);
    expect((await eventsOf(h, b.id)).at(-1)).toMatchObject({
      type: 'merged',
      data: { reason: 'survivor_merged', before: { mergedIntoId: a.id }, after: { mergedIntoId: c.id } },
    });
    expect(await outboxTypesOf(h, b.id)).toEqual(['merged', 'status_changed', 'merged']);
    const resolved = await resolveMergedTickets(h.db, [b.id, a.id, c.id]);
    expect([b.id, a.id, c.id].map((id) => resolved.get(id)?.number)).toEqual([c.number, c.number, c.number]);
  });

  it('refuses a merge into itself, of or into a merged ticket, and of an archived ticket with 409s', async () => {
    const a = await relationTicket(h);
    const b = await relationTicket(h);
    const c = await relationTicket(h);
    const archived = await relationTicket(h, { archivedAt: '2026-03-02T10:00:00Z' });
    const merge = async (into: string, from: string) =>
      h.api.postAs<ErrorBody>(`/api/v1/tickets/${into}/merge`, h.tokens.dana, { sourceTicket: from });
    expect((await merge(a.number, a.id)).body.error.code).toBe('merge_into_itself');
    expect((await merge(a.number, b.number)).status).toBe(200);
    const again = await merge(c.number, b.number);
    expect([again.status, again.body.error.code]).toEqual([409, 'ticket_already_merged']);
    expect((await merge(b.number, c.number)).body.error.code).toBe('ticket_already_merged');
    const frozen = await merge(a.number, archived.number);
    expect([frozen.status, frozen.body.error.code]).toEqual([409, 'ticket_archived']);
    expect((await ticketRow(c.id))?.merged_into_id).toBeNull();
  });

  it('serializes two opposite merges of one pair: one wins, the other is refused, no deadlock', async () => {
    const a = await relationTicket(h);
    const b = await relationTicket(h);
    const merge = (into: string, from: string) =>
      h.api.postAs<ErrorBody>(`/api/v1/tickets/${into}/merge`, h.tokens.dana, { sourceTicket: from });
    const answers = await Promise.all([merge(a.number, b.number), merge(b.number, a.number)]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(answers.find((x) => x.status === 409)?.body.error.code).toBe('ticket_already_merged');
    const merged = [await ticketRow(a.id), await ticketRow(b.id)].filter((row) => row?.merged_into_id);
    expect(merged).toHaveLength(1);
  });

  it('answers 404 for a ticket of another tenant or one the caller may not see, and changes nothing', async () => {
    const a = await relationTicket(h);
    const bobs = await relationTicket(h, { assignee: 'bob' });
    const otherTenant = h.world.otherTenantTickets.get('SB-000001') ?? '';
    const cases = [
      { token: h.tokens.alice, into: a.number, from: otherTenant },
      { token: h.tokens.alice, into: a.number, from: bobs.number },
      { token: h.tokens.carol, into: a.number, from: bobs.number },
      { token: h.tokens.eve, into: otherTenant, from: a.id },
    ];
    for (const { token, into, from } of cases) {
      const answer = await h.api.postAs<ErrorBody>(`/api/v1/tickets/${into}/merge`, token, { sourceTicket: from });
      expect([answer.status, answer.body.error.code]).toEqual([404, 'ticket_not_found']);
    }
    expect((await ticketRow(bobs.id))?.merged_into_id).toBeNull();
    expect((await ticketRow(a.id))?.merged_into_id).toBeNull();
  });

  it('splits messages into a new numbered ticket of the same customer, team and agent, linked both ways', async () => {
    const original = await relationTicket(h);
    const [first = '', second = '', third = ''] = await relationMessages(h, original.id, 3);
    const loadBefore = await aliceLoad();

    const answer = await h.api.postAs<SplitBody>(`/api/v1/tickets/${original.number}/split`, h.tokens.alice, {
      messageIds: [third, second],
      subject: 'The refund question',
    });

    expect(answer.status).toBe(201);
    const created = answer.body.ticket;
    expect(created.number).toMatch(/^SB-\d{6,}$/);
    expect(Number(created.number.slice(3))).toBeGreaterThan(1000);
    expect(created).toMatchObject({ status: 'assigned', subject: 'The refund question' });
    expect(created.assignee?.id).toBe(h.world.agents.alice);
    expect(created.team?.id).toBe(h.world.teams.support);
    expect(created.messages.map((m) => m.id)).toEqual([second, third]);
    expect(answer.body.movedMessageIds).toEqual([second, third]);
    expect(await messageIdsOf(original.id)).toEqual([first]);
    const links = async (ref: string) =>
      (
        await h.api.get<{ links: { kind: string; ticket: { id: string } }[] }>(
          `/api/v1/tickets/${ref}/links`,
          h.tokens.alice,
        )
      ).body.links;
    expect(await links(original.number)).toMatchObject([{ kind: 'split_into', ticket: { id: created.id } }]);
    expect(await links(created.number)).toMatchObject([{ kind: 'split_from', ticket: { id: original.id } }]);
    const newEvents = await eventsOf(h, created.id);
    expect(newEvents.map((e) => e.type)).toEqual(['created', 'split', 'assigned']);
    expect(newEvents[1]?.data).toMatchObject({ fromTicketId: original.id, messageIds: [second, third] });
    const originalEvents = await eventsOf(h, original.id);
    expect(originalEvents.map((e) => e.type)).toEqual(['split']);
    expect(originalEvents[0]?.data).toMatchObject({
      newTicketId: created.id,
      before: { messageCount: 3 },
      after: { messageCount: 1 },
    });
    expect(await outboxTypesOf(h, created.id)).toEqual(['created', 'split', 'assigned']);
    expect(await aliceLoad()).toBe(loadBefore + 1);
  });

  it('splits an unassigned ticket into a new unassigned one of the same team', async () => {
    const original = await relationTicket(h, { team: 'billing', assignee: null });
    const [, second = ''] = await relationMessages(h, original.id, 2);
    const answer = await h.api.postAs<SplitBody>(`/api/v1/tickets/${original.id}/split`, h.tokens.carol, {
      messageIds: [second],
    });
    expect(answer.status).toBe(201);
    expect(answer.body.ticket).toMatchObject({
      status: 'new',
      assignee: null,
      subject: `Subject of ${original.number}`,
    });
    expect(answer.body.ticket.team?.id).toBe(h.world.teams.billing);
    expect((await eventsOf(h, answer.body.ticket.id)).map((e) => e.type)).toEqual(['created', 'split']);
  });

  it('refuses to move every message, messages of another ticket and malformed ids', async () => {
    const original = await relationTicket(h);
    const other = await relationTicket(h);
    const mine = await relationMessages(h, original.id, 2);
    const [foreign = ''] = await relationMessages(h, other.id, 1);
    const split = (messageIds: string[]) =>
      h.api.postAs<ErrorBody>(`/api/v1/tickets/${original.number}/split`, h.tokens.alice, { messageIds });
    const all = await split(mine);
    expect([all.status, all.body.error.code]).toEqual([409, 'split_would_empty_ticket']);
    const stranger = await split([mine[0] ?? '', foreign]);
    expect([stranger.status, stranger.body.error.code]).toEqual([400, 'validation_failed']);
    expect(stranger.body.error.fields).toEqual([
      expect.objectContaining({ field: 'messageIds', reason: 'not_on_ticket' }),
    ]);
    expect((await split(['not-a-uuid'])).status).toBe(400);
    expect((await split([])).status).toBe(400);
    expect(await messageIdsOf(original.id)).toEqual(mine);
    expect(await eventsOf(h, original.id)).toEqual([]);
  });
});
