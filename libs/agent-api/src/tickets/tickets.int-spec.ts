import { ALICE, startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';
import type { TicketListBody } from '../testing/agent-api.client';

const ALICE_NEWEST_FIRST = ['SB-000005', 'SB-000003', 'SB-000004', 'SB-000002', 'SB-000001'];

describe('agent API: tickets, on real Postgres', () => {
  let harness: AgentApiHarness;

  beforeAll(async () => {
    harness = await startAgentApiHarness('agent_api_tickets');
  });
  afterAll(async () => {
    await harness.close();
  });

  describe('listing', () => {
    it('shows an agent only their own tickets, newest first, with assignee and team', async () => {
      const { api, world, tokens } = harness;
      const mine = await api.get<TicketListBody>('/api/v1/tickets?assignee=me', tokens.alice);
      expect(mine.body.tickets.map((t) => t.number)).toEqual(ALICE_NEWEST_FIRST);
      expect(mine.body.tickets[0]).toMatchObject({
        status: 'pending_customer',
        assignee: { id: world.agents.alice, name: 'Alice Chen', email: ALICE },
        team: { id: world.teams.support, name: 'Support' },
        customer: { name: 'Wang Fang' },
        createdAt: '2026-01-04T10:00:00.000Z',
      });
      expect(await api.ticketNumbers('/api/v1/tickets', tokens.alice)).toEqual(ALICE_NEWEST_FIRST);
      expect(await api.ticketNumbers('/api/v1/tickets?status=pending_customer', tokens.alice)).toEqual(['SB-000005']);
    });

    // The filter only narrows inside the policy's query scope: Bob's tickets are not Alice's to see,
    // and Support (her team) has no unassigned queue in this world.
    it.each([['another agent'], ['unassigned']])('shows an agent none of %s tickets', async (which) => {
      const assignee = which === 'unassigned' ? 'unassigned' : harness.world.agents.bob;
      const answer = await harness.api.get(`/api/v1/tickets?assignee=${assignee}`, harness.tokens.alice);
      expect(answer).toMatchObject({ status: 200, body: { tickets: [], nextCursor: null } });
    });

    it("shows a manager their team's tickets, filtered by any assignee", async () => {
      const { api, world, tokens } = harness;
      expect(await api.ticketNumbers('/api/v1/tickets', tokens.carol)).toEqual(['SB-000008', 'SB-000007']);
      expect(await api.ticketNumbers('/api/v1/tickets?assignee=unassigned', tokens.carol)).toEqual(['SB-000007']);
      expect(await api.ticketNumbers('/api/v1/tickets?assignee=me', tokens.carol)).toEqual(['SB-000008']);
      expect(await api.ticketNumbers(`/api/v1/tickets?assignee=${world.agents.alice}`, tokens.carol)).toEqual([]);
    });

    it('shows an admin every ticket of the tenant, routed or not', async () => {
      const { api, world, tokens } = harness;
      const everything = ['SB-000009', 'SB-000008', 'SB-000007', 'SB-000006', ...ALICE_NEWEST_FIRST];
      expect(await api.ticketNumbers('/api/v1/tickets?limit=200', tokens.dana)).toEqual(everything);
      expect(await api.ticketNumbers(`/api/v1/tickets?assignee=${world.agents.bob}`, tokens.dana)).toEqual([
        'SB-000006',
      ]);
    });

    it('pages with limit and nextCursor without losing tickets created in the same millisecond', async () => {
      const seen: string[] = [];
      let url = '/api/v1/tickets?limit=2';
      for (let page = 0; page < 5; page += 1) {
        const answer = await harness.api.get<TicketListBody>(url, harness.tokens.alice);
        seen.push(...answer.body.tickets.map((t) => t.number));
        if (answer.body.nextCursor === null) break;
        url = `/api/v1/tickets?limit=2&before=${encodeURIComponent(answer.body.nextCursor)}`;
      }
      expect(seen).toEqual(ALICE_NEWEST_FIRST);
    });

    it('rejects a bad query with a reason per field', async () => {
      const answer = await harness.api.get(
        '/api/v1/tickets?limit=0&before=garbage&assignee=someone',
        harness.tokens.dana,
      );
      expect(answer.status).toBe(400);
      const fields = (answer.body['error'] as { fields: { field: string; reason: string }[] }).fields;
      expect(fields.map((f) => `${f.field}:${f.reason}`).sort()).toEqual([
        'assignee:invalid_assignee',
        'before:invalid_cursor',
        'limit:too_small',
      ]);
    });
  });

  describe('one ticket', () => {
    it('shows the assignee a ticket by number and by id, with ordered messages and history', async () => {
      const { api, world, tokens } = harness;
      const byNumber = await api.get('/api/v1/tickets/SB-000001', tokens.alice);
      expect(byNumber.status).toBe(200);
      expect(byNumber.body).toMatchObject({
        id: world.tickets.get('SB-000001'),
        number: 'SB-000001',
        assignee: { id: world.agents.alice },
      });
      expect(byNumber.body['messages']).toEqual([
        expect.objectContaining({
          direction: 'inbound',
          bodyText: 'My order is late.',
          receivedAt: '2026-01-01T10:00:00.000Z',
        }),
        expect.objectContaining({ direction: 'outbound', bodyText: 'We are on it.', channel: 'email' }),
      ]);
      expect(byNumber.body['history']).toEqual([
        expect.objectContaining({ type: 'created', actorKind: 'system', actorId: null }),
        expect.objectContaining({
          type: 'assigned',
          data: { team: 'Support' },
          occurredAt: '2026-01-01T10:00:02.000Z',
        }),
      ]);
      const byId = await api.get(`/api/v1/tickets/${world.tickets.get('SB-000001')}`, tokens.alice);
      expect(byId.body).toEqual(byNumber.body);
    });

    it('shows a manager a ticket of their team and an admin any ticket', async () => {
      const { api, tokens } = harness;
      expect((await api.get('/api/v1/tickets/SB-000007', tokens.carol)).body).toMatchObject({ assignee: null });
      expect((await api.get('/api/v1/tickets/SB-000009', tokens.dana)).body).toMatchObject({ team: null });
    });

    it.each([
      ['another agent', 'bob', 'SB-000001'],
      ['a manager of another team', 'carol', 'SB-000001'],
      ['an agent, for an unassigned ticket', 'alice', 'SB-000007'],
      ['a missing ticket', 'dana', 'SB-999999'],
    ] as const)('answers %s with 404 ticket_not_found', async (_label, who, number) => {
      const answer = await harness.api.get(`/api/v1/tickets/${number}`, harness.tokens[who]);
      expect(answer).toMatchObject({ status: 404, body: { error: { code: 'ticket_not_found' } } });
    });

    it('rejects a reference that is neither an id nor a number', async () => {
      const answer = await harness.api.get('/api/v1/tickets/drop%20table', harness.tokens.dana);
      expect(answer).toMatchObject({
        status: 400,
        body: { error: { code: 'validation_failed', fields: [{ field: 'ref', reason: 'invalid_ticket_ref' }] } },
      });
    });
  });
});
