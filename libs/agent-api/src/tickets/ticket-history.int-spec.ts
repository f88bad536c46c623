import { createLogger } from '@switchboard/logger';
import { AssignTicketsUseCase, RoutingDirectory } from '@switchboard/routing';
import { factory, testDatabaseEngine } from '@switchboard/testing';
import { IngestInboundMessagesUseCase, TenantDirectory, validateInboundMessage } from '@switchboard/tickets';
import { demoTenantSlug } from '@switchboard/demo';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';
import { advanceTicketNumbers } from '../testing/ticket-relations.fixtures';

interface HistoryEvent {
  type: string;
  ticketNumber?: string;
  actor: { kind: string; id: string | null };
  source: string;
  data: { before?: { status?: string; teamId?: string | null }; after?: { status?: string }; reason?: string };
}

interface TicketAnswer {
  ticket: { id: string; number: string; status: string; assignee: { id: string } | null };
}

const log = createLogger('test');

/**
 * One ticket's whole life through the real pieces: the ticket service's ingest, the routing
 * service's assignment, then the agent API, and its history read back in order.
 */
describe(`a ticket's complete history: create → assign → transfer → review reject → approve → resolve → reopen → merge (${testDatabaseEngine()})`, () => {
  let h: AgentApiHarness;

  beforeAll(async () => {
    h = await startAgentApiHarness('ticket_history');
    await advanceTicketNumbers(h);
  });
  afterAll(async () => {
    await h.close();
  });

  async function ticketFromCustomer(subject: string, typed: boolean): Promise<{ id: string; number: string }> {
    const message = factory.inboundMessage({ tenant: demoTenantSlug, subject, email: 'li.na@example.cn' });
    if (typed && message.hints) {
      message.hints.ticketType = 'approval';
      message.customFields = { approval_kind: 'purchase', justification: 'Two laptops for the new hires' };
    }
    const ingest = new IngestInboundMessagesUseCase({ db: h.db, tenants: new TenantDirectory(), capacity: h.capacity });
    const [outcome] = await ingest.execute({ messages: [validateInboundMessage(message)], refused: [] });
    if (!outcome || outcome.kind !== 'created') throw new Error(`ingest answered ${JSON.stringify(outcome)}`);
    return { id: outcome.ticketId, number: outcome.ticketNumber };
  }

  const post = async (path: string, token: string, body: Record<string, unknown>) => {
    const answer = await h.api.postAs<TicketAnswer>(`/api/v1/tickets/${path}`, token, body);
    if (answer.status !== 200)
      throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body.ticket;
  };

  it('records every step, in order, with actor, source and before/after', async () => {
    const { tokens, world } = h;
    const ticket = await ticketFromCustomer('Purchase approval for laptops', true);
    const routed = await new AssignTicketsUseCase(h.db, new RoutingDirectory(log, 0), h.capacity, log).execute([
      { tenantSlug: demoTenantSlug, ticketId: ticket.id, category: '', tier: 'standard', region: '', channel: 'web' },
    ]);
    const firstAgent = routed[0]?.agentId;
    expect([world.agents.alice, world.agents.bob]).toContain(firstAgent);
    const firstToken = firstAgent === world.agents.alice ? tokens.alice : tokens.bob;

    await post(`${ticket.number}/transfer`, firstToken, {
      teamId: world.teams.billing,
      agentId: world.agents.carol,
      reason: 'Purchases are approved by Billing',
    });
    await post(`${ticket.number}/status`, tokens.carol, { status: 'in_progress' });
    expect((await post(`${ticket.number}/status`, tokens.carol, { status: 'resolved' })).status).toBe('review');
    expect(
      (await post(`${ticket.number}/review`, tokens.dana, { decision: 'reject', reason: 'Add a quote' })).status,
    ).toBe('in_progress');
    expect((await post(`${ticket.number}/status`, tokens.carol, { status: 'resolved' })).status).toBe('review');
    expect((await post(`${ticket.number}/review`, tokens.dana, { decision: 'approve' })).status).toBe('resolved');
    expect(
      (await post(`${ticket.number}/status`, tokens.carol, { status: 'in_progress', reason: 'Wrong model' })).status,
    ).toBe('in_progress');
    const duplicate = await ticketFromCustomer('Laptops again', false);
    await h.db.query(`UPDATE tickets SET team_id = $1 WHERE id = $2`, [world.teams.billing, duplicate.id]);
    const merged = await h.api.postAs(`/api/v1/tickets/${ticket.number}/merge`, tokens.carol, {
      sourceTicket: duplicate.number,
    });
    expect(merged.status).toBe(200);

    const history = await h.api.get<{ events: HistoryEvent[] }>(
      `/api/v1/tickets/${ticket.number}/history`,
      tokens.carol,
    );
    expect(history.status).toBe(200);
    const own = history.body.events.filter((e) => e.ticketNumber === undefined || e.ticketNumber === ticket.number);
    expect(own.map((e) => e.type)).toEqual([
      'created',
      'fields_changed',
      'assigned',
      'transferred',
      'status_changed',
      'status_changed',
      'review_decided',
      'status_changed',
      'review_decided',
      'reopened',
      'merged',
    ]);
    const steps = own.map((e) => [
      e.type,
      e.actor.kind,
      e.source,
      e.data.before?.status ?? null,
      e.data.after?.status ?? null,
    ]);
    expect(steps.slice(2)).toEqual([
      ['assigned', 'rule', 'routing', null, null],
      ['transferred', 'agent', 'agent_api', 'assigned', 'assigned'],
      ['status_changed', 'agent', 'agent_api', 'assigned', 'in_progress'],
      ['status_changed', 'agent', 'agent_api', 'in_progress', 'review'],
      ['review_decided', 'agent', 'agent_api', 'review', 'in_progress'],
      ['status_changed', 'agent', 'agent_api', 'in_progress', 'review'],
      ['review_decided', 'agent', 'agent_api', 'review', 'resolved'],
      ['reopened', 'agent', 'agent_api', 'resolved', 'in_progress'],
      ['merged', 'agent', 'agent_api', null, null],
    ]);
    expect(own.find((e) => e.type === 'review_decided')?.data.reason).toBe('Add a quote');
    // The absorbed ticket's own story is part of this one now, marked with its number.
    const absorbed = history.body.events.filter((e) => e.ticketNumber === duplicate.number).map((e) => e.type);
    expect(absorbed).toEqual(expect.arrayContaining(['created', 'merged', 'status_changed']));
  });
});
