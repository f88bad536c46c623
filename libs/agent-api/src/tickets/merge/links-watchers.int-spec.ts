import { startAgentApiHarness, type AgentApiHarness } from '../../testing/agent-api.harness';
import { eventsOf, outboxTypesOf, relationTicket } from '../../testing/ticket-relations.fixtures';

interface LinksBody {
  links: { kind: string; ticket: { id: string; number: string; status: string } }[];
}
interface WatchersBody {
  watchers: { agent: { id: string; email: string } }[];
}
interface ErrorBody {
  error: { code: string };
}

describe('ticket links and watchers (agent API, real Postgres)', () => {
  let h: AgentApiHarness;

  beforeAll(async () => {
    h = await startAgentApiHarness('links_watchers');
  });

  afterAll(async () => {
    await h.close();
  });

  const link = (ref: string, ticket: string, kind: string, token = h.tokens.alice) =>
    h.api.postAs<LinksBody & ErrorBody>(`/api/v1/tickets/${ref}/links`, token, { ticket, kind });
  const linksOf = async (ref: string) =>
    (await h.api.get<LinksBody>(`/api/v1/tickets/${ref}/links`, h.tokens.alice)).body.links.map((l) => [
      l.kind,
      l.ticket.number,
    ]);

  it('links parent and child both ways and audits it on both tickets', async () => {
    const parent = await relationTicket(h);
    const child = await relationTicket(h);

    const answer = await link(child.number, parent.number, 'child');

    expect(answer.status).toBe(201);
    expect(answer.body.links.map((l) => [l.kind, l.ticket.id])).toEqual([['child', parent.id]]);
    expect(await linksOf(parent.number)).toEqual([['parent', child.number]]);
    const [childEvent] = await eventsOf(h, child.id);
    const [parentEvent] = await eventsOf(h, parent.id);
    expect(childEvent).toMatchObject({
      type: 'linked',
      source: 'agent_api',
      actor_id: h.world.agents.alice,
      data: {
        kind: 'child',
        otherTicketId: parent.id,
        removed: false,
        before: { linked: false },
        after: { linked: true },
      },
    });
    expect(parentEvent?.data).toMatchObject({ kind: 'parent', otherTicketId: child.id });
    expect(await outboxTypesOf(h, child.id)).toEqual(['linked']);
    expect(await outboxTypesOf(h, parent.id)).toEqual(['linked']);
  });

  it('links related tickets symmetrically', async () => {
    const a = await relationTicket(h);
    const b = await relationTicket(h);
    expect((await link(a.id, b.id, 'related')).status).toBe(201);
    expect(await linksOf(a.number)).toEqual([['related', b.number]]);
    expect(await linksOf(b.number)).toEqual([['related', a.number]]);
  });

  it('refuses self links, duplicates and any link that makes a ticket its own ancestor', async () => {
    const top = await relationTicket(h);
    const middle = await relationTicket(h);
    const bottom = await relationTicket(h);
    expect((await link(middle.number, top.number, 'child')).status).toBe(201);
    expect((await link(middle.number, bottom.number, 'parent')).status).toBe(201);

    const codeOf = async (ref: string, other: string, kind: string) => {
      const answer = await link(ref, other, kind);
      return [answer.status, answer.body.error.code];
    };
    expect(await codeOf(top.number, top.number, 'related')).toEqual([409, 'link_to_itself']);
    expect(await codeOf(top.number, bottom.number, 'child')).toEqual([409, 'link_cycle']);
    expect(await codeOf(bottom.number, top.number, 'parent')).toEqual([409, 'link_cycle']);
    expect(await codeOf(top.number, middle.number, 'child')).toEqual([409, 'link_cycle']);
    expect(await codeOf(top.number, middle.number, 'parent')).toEqual([409, 'link_exists']);
    expect(await linksOf(top.number)).toEqual([['parent', middle.number]]);
    expect(await linksOf(bottom.number)).toEqual([['child', middle.number]]);
  });

  it('unlinks both directions, audits the removal on both tickets, and answers 404 for a link that is gone', async () => {
    const parent = await relationTicket(h);
    const child = await relationTicket(h);
    expect((await link(parent.number, child.number, 'parent')).status).toBe(201);

    const answer = await h.api.deleteAs<LinksBody>(
      `/api/v1/tickets/${child.number}/links/${parent.number}/child`,
      h.tokens.alice,
    );

    expect(answer.status).toBe(200);
    expect(answer.body.links).toEqual([]);
    expect(await linksOf(parent.number)).toEqual([]);
    const removed = (await eventsOf(h, parent.id)).at(-1);
    expect(removed?.data).toMatchObject({
      kind: 'parent',
      removed: true,
      before: { linked: true },
      after: { linked: false },
    });
    expect((await eventsOf(h, child.id)).at(-1)?.data).toMatchObject({ kind: 'child', removed: true });
    const again = await h.api.deleteAs<ErrorBody>(
      `/api/v1/tickets/${child.number}/links/${parent.number}/child`,
      h.tokens.alice,
    );
    expect([again.status, again.body.error.code]).toEqual([404, 'link_not_found']);
  });

  it('answers 404 when the other ticket is not visible to the caller', async () => {
    const mine = await relationTicket(h);
    const bobs = await relationTicket(h, { assignee: 'bob' });
    const answer = await link(mine.number, bobs.number, 'related');
    expect([answer.status, answer.body.error.code]).toEqual([404, 'ticket_not_found']);
    expect(await eventsOf(h, mine.id)).toEqual([]);
  });

  it('lets an agent watch and unwatch a ticket, once, with an audit row per change', async () => {
    const ticket = await relationTicket(h, { assignee: 'bob' });
    const url = `/api/v1/tickets/${ticket.number}/watchers`;
    expect((await h.api.put(`${url}/me`, {}, h.tokens.carol)).status).toBe(404);
    const first = await h.api.put<WatchersBody>(`${url}/me`, {}, h.tokens.dana);
    const second = await h.api.put<WatchersBody>(`${url}/me`, {}, h.tokens.dana);
    expect(first.status).toBe(200);
    expect(second.body.watchers.map((w) => w.agent.id)).toEqual([h.world.agents.dana]);
    expect((await h.api.put(`${url}/me`, {}, h.tokens.bob)).status).toBe(200);
    const listed = await h.api.get<WatchersBody>(url, h.tokens.bob);
    expect(listed.body.watchers.map((w) => w.agent.id).sort()).toEqual(
      [h.world.agents.dana, h.world.agents.bob].sort(),
    );

    const left = await h.api.deleteAs<WatchersBody>(`${url}/me`, h.tokens.dana);

    expect(left.body.watchers.map((w) => w.agent.id)).toEqual([h.world.agents.bob]);
    const events = await eventsOf(h, ticket.id);
    expect(events.map((e) => [e.type, e.actor_id])).toEqual([
      ['watcher_added', h.world.agents.dana],
      ['watcher_added', h.world.agents.bob],
      ['watcher_removed', h.world.agents.dana],
    ]);
    expect(events[2]?.data).toMatchObject({ before: { watching: true }, after: { watching: false } });
  });
});
