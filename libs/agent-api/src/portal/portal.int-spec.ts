import { decodeOutboundMessage, decodeTicketEvent, decodeInboundMessage, Topics } from '@switchboard/contracts';
import { AppointmentsUseCase, PortalLinks, SelfServiceSweep } from '@switchboard/self-service';
import { TestTenant } from '@switchboard/testing';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

let h: AgentApiHarness;
let demo: TestTenant;

beforeAll(async () => {
  h = await startAgentApiHarness('portal');
  demo = new TestTenant(h.db, h.world.demoTenantId, 'demo');
});
afterAll(async () => h.close());

interface OutboxRow {
  topic: string;
  payload: Buffer;
}

const outboxOf = (topic: string): Promise<OutboxRow[]> =>
  h.db.query<OutboxRow>(`SELECT topic, payload FROM outbox WHERE topic = $1 ORDER BY id`, [topic]);

async function mailsTo(email: string): Promise<{ subject: string; text: string }[]> {
  return (await outboxOf(Topics.outboundEmail))
    .map((r) => decodeOutboundMessage(new Uint8Array(r.payload)))
    .filter((m) => m.recipient?.email === email)
    .map((m) => ({ subject: m.subject, text: m.bodyText }));
}

let next = 500_000;
async function customerTicket(email: string, status = 'in_progress') {
  const customer = await demo.customer({ email });
  return demo.ticket({ customerId: customer.id, status, channel: 'web', number: `SB-${++next}` });
}

async function sessionFor(number: string, email: string): Promise<string> {
  expect((await h.api.post(`/api/v1/portal/demo/codes`, { number })).status).toBe(202);
  const code = /\b(\d{6})\b/.exec((await mailsTo(email)).at(-1)?.text ?? '')?.[1] ?? '';
  const answer = await h.api.post<{ session: string }>(`/api/v1/portal/demo/sessions`, { number, code });
  expect(answer.status).toBe(200);
  return answer.body.session;
}

describe('customer portal API', () => {
  it('opens a ticket with the mailed code once, shows the public conversation, takes a follow-up and a rating', async () => {
    const ticket = await customerTicket('lin@example.com');
    await demo.message(ticket.id, { direction: 'inbound', bodyText: 'My washer leaks' });
    await demo.message(ticket.id, { direction: 'note', bodyText: 'internal: check warranty' });
    await demo.message(ticket.id, { direction: 'outbound', bodyText: 'We will send a technician' });
    expect((await h.api.post(`/api/v1/portal/demo/codes`, { number: ticket.number })).status).toBe(202);
    const code = /\b(\d{6})\b/.exec((await mailsTo('lin@example.com'))[0]?.text ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const stored = await h.db.query<{ code_hash: string }>(
      `SELECT code_hash FROM portal_lookup_codes WHERE ticket_id = $1`,
      [ticket.id],
    );
    expect(stored[0]?.code_hash).not.toContain(code);
    const opened = await h.api.post<{ session: string }>(`/api/v1/portal/demo/sessions`, {
      number: ticket.number,
      code,
    });
    expect(opened.status).toBe(200);
    const again = await h.api.post(`/api/v1/portal/demo/sessions`, { number: ticket.number, code });
    expect(again.status).toBe(401);
    const view = await h.api.get<{
      ticket: { messages: { from: string; bodyText: string }[]; statusText: { en: string } };
    }>(`/api/v1/portal/tickets/${ticket.number}`, opened.body.session);
    expect(view.status).toBe(200);
    expect(view.body.ticket.messages.map((m) => [m.from, m.bodyText])).toEqual([
      ['customer', 'My washer leaks'],
      ['agent', 'We will send a technician'],
    ]);
    expect(view.body.ticket.statusText.en).toBe('Being worked on');

    const posted = await h.api.postAs(`/api/v1/portal/tickets/${ticket.number}/messages`, opened.body.session, {
      clientMessageId: 'portal-msg-0001',
      bodyText: 'It still leaks',
    });
    expect(posted.status).toBe(202);
    const inbound = (await outboxOf(Topics.inboundMessages)).map((r) =>
      decodeInboundMessage(new Uint8Array(r.payload)),
    );
    const followUp = inbound.find((m) => m.bodyText === 'It still leaks');
    expect(followUp?.hints?.ticketNumber).toBe(ticket.number);
    expect(followUp?.customer?.verified).toEqual(['email']);
    expect(followUp?.conversationKey).toBe(ticket.conversationKey);

    const early = await h.api.postAs(`/api/v1/portal/tickets/${ticket.number}/rating`, opened.body.session, {
      score: 5,
    });
    expect(early.status).toBe(409);
    await h.db.query(`UPDATE tickets SET status = 'resolved', resolved_at = now() WHERE id = $1`, [ticket.id]);
    const rated = await h.api.postAs(`/api/v1/portal/tickets/${ticket.number}/rating`, opened.body.session, {
      score: 5,
      comment: 'Quick and kind',
    });
    expect(rated.status).toBe(201);
    const twice = await h.api.postAs(`/api/v1/portal/tickets/${ticket.number}/rating`, opened.body.session, {
      score: 1,
    });
    expect(twice.status).toBe(409);
    const history = await h.api.get<{ events: { type: string; data: Record<string, unknown> }[] }>(
      `/api/v1/tickets/${ticket.number}/history`,
      h.tokens.dana,
    );
    expect(history.body.events.find((e) => e.type === 'csat_received')?.data).toMatchObject({
      score: 5,
      comment: 'Quick and kind',
      round: 1,
    });
    const events = (await outboxOf(Topics.ticketEvents)).map((r) => decodeTicketEvent(new Uint8Array(r.payload)));
    const csat = events.find((e) => e.ticketId === ticket.id && e.payload.case === 'csatReceived');
    expect(csat?.payload.value).toMatchObject({ score: 5, comment: 'Quick and kind', round: 1 });
  });

  it('answers a wrong number exactly like a wrong code', async () => {
    const ticket = await customerTicket('same@example.com');
    const wrongCode = await h.api.post(`/api/v1/portal/demo/sessions`, { number: ticket.number, code: '000000' });
    const wrongNumber = await h.api.post(`/api/v1/portal/demo/sessions`, { number: 'SB-999999', code: '000000' });
    expect(wrongCode.status).toBe(401);
    expect(wrongNumber.body).toEqual(wrongCode.body);
    expect((await h.api.post(`/api/v1/portal/demo/codes`, { number: 'SB-999999' })).body).toEqual({
      status: 'sent_if_known',
    });
  });

  it('schedules a visit on a repair ticket, refuses an overlapping one, shows it in the lookup and reminds once', async () => {
    const ticket = await customerTicket('visit@example.com');
    await h.db.query(
      `UPDATE tickets SET type_id = (SELECT id FROM ticket_types WHERE tenant_id = $1 AND key = 'repair') WHERE id = $2`,
      [h.world.demoTenantId, ticket.id],
    );
    const soon = new Date(Date.now() + 3 * 3_600_000);
    const local = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
    const body = {
      technicianName: 'Zhang Wei',
      technicianPhone: '+8613800000001',
      windowStart: local(soon),
      windowEnd: local(new Date(soon.getTime() + 2 * 3_600_000)),
      address: '1 Renmin Road, Shanghai',
    };
    const scheduled = await h.api.postAs<{ appointment: { id: string; windowText: string } }>(
      `/api/v1/tickets/${ticket.number}/appointments`,
      h.tokens.dana,
      body,
    );
    expect(scheduled.status).toBe(201);
    const other = await customerTicket('visit2@example.com');
    await h.db.query(`UPDATE tickets SET type_id = (SELECT type_id FROM tickets WHERE id = $1) WHERE id = $2`, [
      ticket.id,
      other.id,
    ]);
    const overlap = await h.api.postAs<{ error: { code: string } }>(
      `/api/v1/tickets/${other.number}/appointments`,
      h.tokens.dana,
      body,
    );
    expect(overlap.status).toBe(409);
    expect(overlap.body.error.code).toBe('appointment_overlap');
    const plain = await customerTicket('noplace@example.com');
    expect((await h.api.postAs(`/api/v1/tickets/${plain.number}/appointments`, h.tokens.dana, body)).status).toBe(422);

    const session = await sessionFor(ticket.number, 'visit@example.com');
    const view = await h.api.get<{ ticket: { visit: { windowText: string; technicianName: string } } }>(
      `/api/v1/portal/tickets/${ticket.number}`,
      session,
    );
    expect(view.body.ticket.visit.windowText).toBe(scheduled.body.appointment.windowText);
    expect(view.body.ticket.visit.windowText).toContain('(Asia/Shanghai)');

    const sweep = new SelfServiceSweep(h.db, h.app.get(PortalLinks), h.app.get(AppointmentsUseCase), () => undefined);
    await sweep.sendReminders();
    await sweep.sendReminders();
    const reminders = (await mailsTo('visit@example.com')).filter((m) => m.subject.includes('Reminder'));
    expect(reminders).toHaveLength(1);
    const history = await h.api.get<{ events: { type: string }[] }>(
      `/api/v1/tickets/${ticket.number}/history`,
      h.tokens.dana,
    );
    expect(history.body.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['appointment_scheduled', 'appointment_reminded']),
    );
  });

  // Last: it spends this address's lookup budget, which the other tests share.
  it('refuses 1,000 wrong codes against one ticket number by the rate limit, and none succeeds', async () => {
    const ticket = await customerTicket('guess@example.com');
    await sessionFor(ticket.number, 'guess@example.com');
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1_000; i++) {
      const code = String(i).padStart(6, '0');
      const answer = await h.api.post(`/api/v1/portal/demo/sessions`, { number: ticket.number, code });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
    expect(statuses.get(200)).toBeUndefined();
    expect(statuses.get(429) ?? 0).toBeGreaterThan(900);
    expect([...statuses.keys()].sort()).toEqual([401, 429]);
  });
});
