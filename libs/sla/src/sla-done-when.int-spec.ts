import { loadConfig } from '@switchboard/config';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, testContext, type TestContext, type TestDatabase } from '@switchboard/testing';
import type { CalendarDayInput } from './calendars/business-calendar.schemas';
import { TicketSlaQuery } from './ticket-sla/ticket-sla.query';
import { agentMails, event, instances, shanghaiOffice, slaHistory, TestClock } from './testing/sla-world';

/**
 * Issue #18's "Done when": an urgent ticket created Friday 17:50 Shanghai time under a 1-business-hour
 * target and a Mon–Fri 09:00–18:00 calendar is due Monday 09:50 (Tuesday when Monday is a holiday,
 * Saturday when Saturday is a make-up day), and gets its reminder, breaches and escalates exactly once
 * each with two ticket-service instances racing for the timers.
 */
describe('SLA done when: Friday 17:50 in Shanghai, two instances', () => {
  let testDb: TestDatabase;
  let db: Database;
  let otherInstanceDb: Database;
  let ctx: TestContext;

  beforeAll(async () => {
    testDb = await createTestDatabase('sla_done');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    otherInstanceDb = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    ctx = testContext(db);
  });
  afterAll(async () => {
    await db.close();
    await otherInstanceDb.close();
    await testDb.drop();
  });

  const cases: { name: string; days: Record<string, CalendarDayInput>; due: string }[] = [
    { name: 'an ordinary weekend', days: {}, due: '2026-12-07T09:50:00+08:00' },
    {
      name: 'a Monday holiday',
      days: { '2026-12-07': { kind: 'holiday', ranges: [], name: 'holiday' } },
      due: '2026-12-08T09:50:00+08:00',
    },
    {
      name: 'a make-up Saturday (调休)',
      days: { '2026-12-05': { kind: 'working', ranges: [], name: '调休' } },
      due: '2026-12-05T09:50:00+08:00',
    },
  ];

  it.each(cases)('with $name: due $due, one reminder, one breach, one escalation', async ({ days, due }) => {
    const tenant = await ctx.newTenant();
    const office = await shanghaiOffice(db, tenant, days);
    const created = '2026-12-04T17:50:00+08:00';
    const clock = new TestClock(new Date(created));
    const ticket = await tenant.ticket({
      priority: 'urgent',
      teamId: office.team.id,
      assigneeId: office.assignee.id,
      createdAt: new Date(created).toISOString(),
    });
    const [a, b] = instances([db, otherInstanceDb], clock);
    await a.clocks.execute([
      event(ticket.id, { kind: 'created', at: new Date(created) }),
      event(ticket.id, { kind: 'assigned', at: new Date(created) }),
    ]);

    clock.current = new Date('2026-12-04T17:55:00+08:00');
    const view = await new TicketSlaQuery(db, clock.now).execute(
      { id: office.assignee.id, tenantId: tenant.id, teamId: office.team.id, role: 'agent' },
      { kind: 'id', id: ticket.id },
    );
    expect(view.policy?.key).toBe('urgent-vip');
    expect(view.clocks.find((c) => c.clock === 'first_response')).toMatchObject({
      dueAt: new Date(due).toISOString(),
      remainingBusinessSeconds: 3300,
      paused: false,
    });

    // Both instances claim at every step, at once, and again: each notice exactly once.
    const race = async (at: Date): Promise<void> => {
      clock.current = at;
      for (let i = 0; i < 3; i++) await Promise.all([a.timers.execute(), b.timers.execute()]);
    };
    const dueAt = new Date(due).getTime();
    await race(new Date(dueAt - 16 * 60_000));
    expect(await slaHistory(db, ticket.id)).toEqual([]);
    await race(new Date(dueAt - 15 * 60_000));
    expect(await slaHistory(db, ticket.id)).toEqual(['sla_warning first_response']);
    await race(new Date(dueAt));
    await race(new Date(dueAt + 3600_000));
    expect(await slaHistory(db, ticket.id)).toEqual([
      'sla_warning first_response',
      'sla_breached first_response 0',
      'sla_breached first_response 1',
    ]);
    const mails = await agentMails(db, ticket.id);
    expect(mails.map((m) => m.to)).toEqual([office.assignee.email, office.assignee.email, office.lead.email]);
    expect(mails.map((m) => m.subject.replace(/^\[[A-Z]+-\d+\] /, '').split(':')[0])).toEqual([
      'SLA reminder',
      'SLA breached',
      'SLA escalation level 1',
    ]);
    const [timersLeft] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sla_timers WHERE ticket_id = $1`,
      [ticket.id],
    );
    expect(timersLeft?.n).toBe(3); // the resolution target's reminder, breach and escalation, later that day
  });
});
