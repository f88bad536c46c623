import { loadConfig } from '@switchboard/config';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, testContext, type TestContext, type TestDatabase } from '@switchboard/testing';
import { policyInputSchema, policyUpdateSchema } from './policies/sla-policy.schemas';
import { TicketSlaQuery } from './ticket-sla/ticket-sla.query';
import { event, instance, shanghaiOffice, slaHistory, TestClock } from './testing/sla-world';

const sh = (local: string): Date => new Date(`${local}+08:00`);

describe('SLA engine on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  let ctx: TestContext;

  beforeAll(async () => {
    testDb = await createTestDatabase('sla_engine');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    ctx = testContext(db);
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  async function world(priority: 'normal' | 'urgent' = 'urgent', createdAt = '2026-12-02T10:00:00') {
    const tenant = await ctx.newTenant();
    const office = await shanghaiOffice(db, tenant);
    const clock = new TestClock(sh(createdAt));
    const ticket = await tenant.ticket({
      priority,
      teamId: office.team.id,
      assigneeId: office.assignee.id,
      createdAt: sh(createdAt).toISOString(),
    });
    const sla = instance(db, clock);
    await sla.clocks.execute([event(ticket.id, { kind: 'created', at: sh(createdAt) })]);
    const actor = { id: office.assignee.id, tenantId: tenant.id, teamId: office.team.id, role: 'agent' as const };
    const view = () => new TicketSlaQuery(db, clock.now).execute(actor, { kind: 'id', id: ticket.id });
    const due = async (metric: string) => (await view()).clocks.find((c) => c.clock === metric);
    return { tenant, office, clock, ticket, sla, view, due };
  }

  it('pauses while pending the customer, resumes with the time left, and drops the timers of the old due time', async () => {
    const w = await world();
    await w.sla.clocks.execute([
      event(w.ticket.id, { kind: 'status', to: 'pending_customer', at: sh('2026-12-02T10:30:00') }),
    ]);
    w.clock.current = sh('2026-12-02T12:00:00');
    expect(await w.due('first_response')).toMatchObject({ paused: true, dueAt: null, remainingBusinessSeconds: 1800 });
    // The old due time passes while paused: nothing fires.
    await w.sla.timers.execute();
    expect(await slaHistory(db, w.ticket.id)).toEqual([]);
    await w.sla.clocks.execute([
      event(w.ticket.id, { kind: 'status', to: 'in_progress', at: sh('2026-12-03T09:00:00') }),
    ]);
    expect(await w.due('first_response')).toMatchObject({
      paused: false,
      dueAt: sh('2026-12-03T09:30:00').toISOString(),
    });
    w.clock.current = sh('2026-12-03T09:30:00');
    await w.sla.timers.execute();
    expect(await slaHistory(db, w.ticket.id)).toEqual([
      'sla_warning first_response',
      'sla_breached first_response 0',
      'sla_breached first_response 1',
    ]);
  });

  it('meets first response with the first answer and keeps the measure in business and wall time', async () => {
    const w = await world('urgent', '2026-12-04T17:50:00');
    await w.sla.clocks.execute([
      event(w.ticket.id, { kind: 'message', direction: 'outbound', at: sh('2026-12-07T09:20:00') }),
    ]);
    expect((await w.view()).measures).toEqual([
      expect.objectContaining({
        clock: 'first_response',
        outcome: 'met',
        businessSeconds: 30 * 60,
        wallSeconds: (2 * 24 + 15) * 3600 + 30 * 60,
        breached: false,
      }) as unknown,
    ]);
    expect((await w.view()).clocks.map((c) => c.clock)).toEqual(['resolution']);
  });

  it('ignores a redelivered event', async () => {
    const w = await world();
    await w.sla.clocks.execute([
      event(w.ticket.id, { kind: 'message', direction: 'outbound', at: sh('2026-12-02T10:10:00') }),
    ]);
    const customer = event(w.ticket.id, { kind: 'message', direction: 'inbound', at: sh('2026-12-02T11:00:00') });
    const answer = event(w.ticket.id, { kind: 'message', direction: 'outbound', at: sh('2026-12-02T11:10:00') });
    await w.sla.clocks.execute([customer, answer]);
    await w.sla.clocks.execute([customer, answer]);
    const cycles = await db.query(`SELECT cycle FROM sla_clocks WHERE ticket_id = $1 AND metric = 'next_response'`, [
      w.ticket.id,
    ]);
    expect(cycles).toHaveLength(0); // the urgent/VIP test policy has no next-response target
    const measures = await db.query(`SELECT metric FROM sla_measures WHERE ticket_id = $1`, [w.ticket.id]);
    expect(measures).toEqual([{ metric: 'first_response' }]);
  });

  it('recomputes when the priority changes (another policy now matches), audited', async () => {
    const w = await world('normal');
    await w.office.policies.create(
      w.tenant.id,
      policyInputSchema.parse({
        key: 'standard',
        name: 'Standard',
        position: 2,
        calendarId: w.office.calendar.id,
        targets: { firstResponse: { default: 4 * 3600 } },
      }),
    );
    w.clock.current = sh('2026-12-02T10:10:00');
    expect(await w.sla.clocks.recomputeMarked()).toBe(1);
    expect(await w.due('first_response')).toMatchObject({ dueAt: sh('2026-12-02T14:00:00').toISOString() });
    await db.query(`UPDATE tickets SET priority = 'urgent' WHERE id = $1`, [w.ticket.id]);
    w.clock.current = sh('2026-12-02T10:20:00');
    await w.sla.clocks.execute([event(w.ticket.id, { kind: 'touched', at: w.clock.current })]);
    expect(await w.due('first_response')).toMatchObject({
      dueAt: sh('2026-12-02T11:00:00').toISOString(),
      targetSeconds: 3600,
    });
    expect(await slaHistory(db, w.ticket.id)).toEqual(['sla_recomputed policy', 'sla_recomputed priority,policy']);
  });

  it('recomputes when an admin adds a holiday to the calendar, audited', async () => {
    const w = await world('urgent', '2026-12-04T17:50:00');
    await w.office.calendars.setDay(w.tenant.id, w.office.calendar.id, '2026-12-07', {
      kind: 'holiday',
      ranges: [],
      name: 'Company day',
    });
    w.clock.current = sh('2026-12-05T12:00:00');
    expect(await w.sla.clocks.recomputeMarked()).toBe(1);
    expect(await w.due('first_response')).toMatchObject({ dueAt: sh('2026-12-08T09:50:00').toISOString() });
    expect(await slaHistory(db, w.ticket.id)).toEqual(['sla_recomputed calendar']);
    // The Monday timers of the old due time are gone: nothing fires then.
    w.clock.current = sh('2026-12-07T10:00:00');
    await w.sla.timers.execute();
    expect(await slaHistory(db, w.ticket.id)).toEqual(['sla_recomputed calendar']);
  });

  it('escalates to level 3: raises the priority and moves the ticket to another team, through the tickets lib', async () => {
    const w = await world('urgent');
    const overflow = await w.tenant.team({ name: 'Overflow' });
    const { id, updatedAt: _updated, ...policy } = await w.office.policies.get(w.tenant.id, w.office.policy.id);
    await w.office.policies.update(
      w.tenant.id,
      id,
      policyUpdateSchema.parse({
        ...policy,
        conditions: {},
        escalations: [
          { level: 3, afterSeconds: 600, reassignTeamId: overflow.id, raisePriority: true, notify: ['admins'] },
        ],
      }),
      null,
    );
    await db.query(`UPDATE tickets SET priority = 'high' WHERE id = $1`, [w.ticket.id]);
    w.clock.current = sh('2026-12-02T10:05:00');
    await w.sla.clocks.recomputeMarked();
    w.clock.current = sh('2026-12-02T11:10:00');
    await w.sla.timers.execute();
    const [row] = await db.query<{ priority: string; team_id: string; assignee_id: string | null; status: string }>(
      `SELECT priority, team_id, assignee_id, status FROM tickets WHERE id = $1`,
      [w.ticket.id],
    );
    expect(row).toEqual({ priority: 'urgent', team_id: overflow.id, assignee_id: null, status: 'new' });
    const types = await db.query<{ type: string }>(
      `SELECT type FROM ticket_events WHERE ticket_id = $1 AND type IN ('fields_changed', 'transferred') ORDER BY type`,
      [w.ticket.id],
    );
    expect(types.map((t) => t.type)).toEqual(['fields_changed', 'transferred']);
    const versions = await w.office.policies.history(w.tenant.id, id);
    expect(versions.map((v) => v.version)).toEqual([1]);
  });
});
