import { decodeOutboundMessage, decodeTicketEvent, decodeInboundMessage, Topics } from '@switchboard/contracts';
import { AppointmentsUseCase, PortalLinks, SelfServiceSweep } from '@switchboard/self-service';
import { TestTenant } from '@switchboard/testing';
import { CloseResolvedTicketsUseCase } from '@switchboard/tickets';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

let h: AgentApiHarness;
let demo: TestTenant;

let sweep: SelfServiceSweep;

beforeAll(async () => {
  h = await startAgentApiHarness('portal');
  demo = new TestTenant(h.db, h.world.demoTenantId, 'demo');
  const closer = h.app.get(CloseResolvedTicketsUseCase);
  sweep = new SelfServiceSweep(h.db, h.app.get(PortalLinks), h.app.get(AppointmentsUseCase), closer, () => undefined);
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

    const id = scheduled.body.appointment.id;
    const later = new Date(soon.getTime() + 4 * 3_600_000);
    const moved = await h.api.patchAs<{ appointment: { windowText: string; reminderSentAt: string | null } }>(
      `/api/v1/tickets/${ticket.number}/appointments/${id}`,
      h.tokens.dana,
      { windowStart: local(later), windowEnd: local(new Date(later.getTime() + 3_600_000)) },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.appointment.reminderSentAt).toBeNull();
    await sweep.sendReminders();
    expect((await mailsTo('visit@example.com')).filter((m) => m.subject.includes('Reminder'))).toHaveLength(2);
    const cancelled = await h.api.postAs(`/api/v1/tickets/${ticket.number}/appointments/${id}/cancel`, h.tokens.dana, {
      reason: 'fixed remotely',
    });
    expect(cancelled.status).toBe(200);
    expect(
      (await h.api.postAs(`/api/v1/tickets/${ticket.number}/appointments/${id}/cancel`, h.tokens.dana, {})).status,
    ).toBe(409);
    const after = await h.api.get<{ ticket: { visit: unknown } }>(`/api/v1/portal/tickets/${ticket.number}`, session);
    expect(after.body.ticket.visit).toBeNull();
    expect((await mailsTo('visit@example.com')).map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('has moved'), expect.stringContaining('is cancelled')]),
    );
  });

  it('asks for a rating once per resolution round by mail, takes it through the signed link, and asks again after a reopen', async () => {
    const ticket = await customerTicket('rate@example.com');
    await h.db.query(`UPDATE tickets SET status = 'resolved', resolved_at = now() WHERE id = $1`, [ticket.id]);
    await sweep.askForRatings();
    await sweep.askForRatings();
    const asks = (await mailsTo('rate@example.com')).filter((m) => m.subject.includes('How did we do?'));
    expect(asks).toHaveLength(1);
    const token = /portal\/rate\?token=([\w.-]+)/.exec(asks[0]?.text ?? '')?.[1] ?? '';
    expect((await h.api.post('/api/v1/portal/ratings', { token, score: 4, comment: 'ok' })).status).toBe(201);
    expect((await h.api.post('/api/v1/portal/ratings', { token, score: 1 })).status).toBe(409);
    expect((await h.api.post('/api/v1/portal/ratings', { token: `${token}x`, score: 1 })).status).toBe(401);
    await h.db.query(
      `UPDATE tickets SET reopen_count = reopen_count + 1, resolved_at = now() + interval '1 second' WHERE id = $1`,
      [ticket.id],
    );
    await h.db.query(`UPDATE tickets SET resolved_at = now() WHERE id = $1`, [ticket.id]);
    await sweep.askForRatings();
    const again = (await mailsTo('rate@example.com')).filter((m) => m.subject.includes('How did we do?'));
    expect(again).toHaveLength(2);
    const second = /portal\/rate\?token=([\w.-]+)/.exec(again[1]?.text ?? '')?.[1] ?? '';
    expect(
      (await h.api.post<{ round: number }>('/api/v1/portal/ratings', { token: second, score: 5 })).body.round,
    ).toBe(2);
    const rounds = await h.db.query<{ round: number; score: number }>(
      `SELECT round, score FROM csat_ratings WHERE ticket_id = $1 ORDER BY round`,
      [ticket.id],
    );
    expect(rounds).toEqual([
      { round: 1, score: 4 },
      { round: 2, score: 5 },
    ]);
  });

  it("closes resolved tickets after the tenant's days without a reply, and only those", async () => {
    const settings = {
      askCsat: false,
      csatDelaySeconds: 0,
      autoCloseAfterDays: 3,
      timeZone: 'Asia/Shanghai',
      visitTicketTypes: ['repair'],
    };
    expect((await h.api.put('/api/v1/self-service/settings', settings, h.tokens.alice)).status).toBe(403);
    expect((await h.api.put('/api/v1/self-service/settings', settings, h.tokens.dana)).status).toBe(200);
    const quiet = await customerTicket('quiet@example.com');
    const answered = await customerTicket('answered@example.com');
    const fresh = await customerTicket('fresh@example.com');
    for (const t of [quiet, answered])
      await h.db.query(
        `UPDATE tickets SET status = 'resolved', resolved_at = now() - interval '4 days' WHERE id = $1`,
        [t.id],
      );
    await h.db.query(`UPDATE tickets SET status = 'resolved', resolved_at = now() - interval '1 day' WHERE id = $1`, [
      fresh.id,
    ]);
    await demo.message(answered.id, { direction: 'inbound', bodyText: 'not fixed' });
    await sweep.autoClose();
    const statuses = await h.db.query<{ id: string; status: string }>(
      `SELECT id, status FROM tickets WHERE id = ANY($1)`,
      [[quiet.id, answered.id, fresh.id]],
    );
    expect(new Map(statuses.map((r) => [r.id, r.status]))).toEqual(
      new Map([
        [quiet.id, 'closed'],
        [answered.id, 'resolved'],
        [fresh.id, 'resolved'],
      ]),
    );
    const history = await h.api.get<{ events: { type: string; data: Record<string, unknown> }[] }>(
      `/api/v1/tickets/${quiet.number}/history`,
      h.tokens.dana,
    );
    expect(history.body.events.at(-1)).toMatchObject({ type: 'status_changed', data: { after: { status: 'closed' } } });
    await h.api.put(
      '/api/v1/self-service/settings',
      { ...settings, askCsat: true, autoCloseAfterDays: null },
      h.tokens.dana,
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
