import { weekdaysFromTo, type BusinessCalendar } from '../calendars/business-calendar';
import type { SlaPolicy } from '../policies/sla-policy';
import { planTimers } from '../timers/plan-timers';
import { measureOf, type SlaClock } from './sla-clock';
import { applyEvent, reconcile, type TrackContext, type TrackedTicket } from './track-ticket';

const HOUR = 3600;
const shanghai: BusinessCalendar = {
  id: 'sh',
  timeZone: 'Asia/Shanghai',
  alwaysOpen: false,
  weekly: weekdaysFromTo(540, 1080),
  days: new Map(),
};
const policy: SlaPolicy = {
  id: 'p',
  tenantId: 't',
  key: 'urgent',
  name: 'Urgent',
  position: 1,
  enabled: true,
  conditions: {},
  calendarId: 'sh',
  targets: {
    firstResponse: { urgent: HOUR, default: 4 * HOUR },
    nextResponse: { default: 2 * HOUR },
    resolution: { default: 8 * HOUR },
    statuses: { review: { default: 4 * HOUR } },
  },
  reminders: [{ percent: 75 }, { beforeSeconds: 900 }],
  escalations: [{ level: 1, afterSeconds: 0, notify: ['team_managers'], raisePriority: false }],
  version: 1,
};

const at = (local: string): Date => new Date(`${local}+08:00`);
let ids = 0;
const ctx = (over: Partial<TrackContext> = {}): TrackContext => ({
  policy,
  priority: 'urgent',
  calendar: shanghai,
  newId: () => `clock-${++ids}`,
  ...over,
});
const ticket = (createdAt: Date): TrackedTicket => ({
  status: 'new',
  responded: false,
  createdAt,
  clocks: [],
  cycles: new Map(),
});
const clock = (t: TrackedTicket, metric: string) => t.clocks.find((c) => c.metric === metric);
function mustClock(t: TrackedTicket, metric: string): SlaClock {
  const found = clock(t, metric);
  if (!found) throw new Error(`no ${metric} clock`);
  return found;
}

describe('tracking a ticket', () => {
  it('starts first response and resolution at creation, in business time', () => {
    const t = ticket(at('2026-12-04T17:50:00'));
    applyEvent(t, ctx(), { kind: 'created', at: t.createdAt });
    expect(clock(t, 'first_response')?.dueAt).toEqual(at('2026-12-07T09:50:00'));
    expect(clock(t, 'resolution')?.dueAt).toEqual(at('2026-12-07T16:50:00'));
  });

  it('pauses while pending the customer and resumes with the time left', () => {
    const t = ticket(at('2026-12-02T10:00:00'));
    applyEvent(t, ctx(), { kind: 'created', at: t.createdAt });
    applyEvent(t, ctx(), { kind: 'status', to: 'pending_customer', at: at('2026-12-02T10:30:00') });
    expect(clock(t, 'first_response')).toMatchObject({ state: 'paused', dueAt: null, elapsedSeconds: 1800 });
    expect(planTimers(mustClock(t, 'first_response'), policy, shanghai)).toEqual([]);
    applyEvent(t, ctx(), { kind: 'status', to: 'in_progress', at: at('2026-12-03T09:00:00') });
    expect(clock(t, 'first_response')?.dueAt).toEqual(at('2026-12-03T09:30:00'));
  });

  it('meets first response with the first answer and restarts next response with each customer message', () => {
    const t = ticket(at('2026-12-02T10:00:00'));
    applyEvent(t, ctx(), { kind: 'created', at: t.createdAt });
    applyEvent(t, ctx(), { kind: 'message', direction: 'inbound', at: at('2026-12-02T10:05:00') });
    expect(clock(t, 'next_response')).toBeUndefined();
    applyEvent(t, ctx(), { kind: 'message', direction: 'outbound', at: at('2026-12-02T10:20:00') });
    expect(measureOf(mustClock(t, 'first_response'))).toMatchObject({
      outcome: 'met',
      businessSeconds: 1200,
      breached: false,
    });
    applyEvent(t, ctx(), { kind: 'message', direction: 'inbound', at: at('2026-12-02T17:00:00') });
    expect(clock(t, 'next_response')).toMatchObject({ cycle: 1, dueAt: at('2026-12-03T10:00:00') });
    applyEvent(t, ctx(), { kind: 'message', direction: 'outbound', at: at('2026-12-03T09:10:00') });
    applyEvent(t, ctx(), { kind: 'message', direction: 'inbound', at: at('2026-12-03T11:00:00') });
    expect(t.clocks.filter((c) => c.metric === 'next_response').map((c) => [c.cycle, c.state])).toEqual([
      [1, 'met'],
      [2, 'running'],
    ]);
  });

  it('times a status with its own target and stops everything at resolution', () => {
    const t = ticket(at('2026-12-02T10:00:00'));
    applyEvent(t, ctx(), { kind: 'created', at: t.createdAt });
    applyEvent(t, ctx(), { kind: 'status', to: 'review', at: at('2026-12-02T11:00:00') });
    expect(clock(t, 'status:review')?.dueAt).toEqual(at('2026-12-02T15:00:00'));
    applyEvent(t, ctx(), { kind: 'status', to: 'resolved', at: at('2026-12-02T12:00:00') });
    expect(t.clocks.map((c) => [c.metric, c.state])).toEqual([
      ['first_response', 'cancelled'],
      ['resolution', 'met'],
      ['status:review', 'met'],
    ]);
  });

  it('recomputes on a priority change, keeping the time used', () => {
    const t = ticket(at('2026-12-02T10:00:00'));
    applyEvent(t, ctx({ priority: 'normal' }), { kind: 'created', at: t.createdAt });
    expect(clock(t, 'first_response')?.dueAt).toEqual(at('2026-12-02T14:00:00'));
    expect(reconcile(t, ctx({ priority: 'urgent' }), at('2026-12-02T10:40:00'), shanghai)).toBe(true);
    expect(clock(t, 'first_response')).toMatchObject({
      targetSeconds: HOUR,
      dueAt: at('2026-12-02T11:00:00'),
      version: 2,
    });
    expect(reconcile(t, ctx({ priority: 'urgent' }), at('2026-12-02T10:41:00'), shanghai)).toBe(false);
  });

  it('recomputes on a calendar change: a new holiday moves the due time', () => {
    const t = ticket(at('2026-12-04T17:50:00'));
    applyEvent(t, ctx(), { kind: 'created', at: t.createdAt });
    const holidayMonday: BusinessCalendar = {
      ...shanghai,
      days: new Map([['2026-12-07', { date: '2026-12-07', kind: 'holiday', ranges: [], name: 'x' }]]),
    };
    reconcile(t, ctx({ calendar: holidayMonday }), at('2026-12-05T12:00:00'), shanghai);
    expect(clock(t, 'first_response')?.dueAt).toEqual(at('2026-12-08T09:50:00'));
  });

  it('plans the reminders, the breach and the escalations of a running clock', () => {
    const t = ticket(at('2026-12-04T17:50:00'));
    applyEvent(t, ctx(), { kind: 'created', at: t.createdAt });
    const timers = planTimers(mustClock(t, 'first_response'), policy, shanghai);
    expect(timers.map((x) => [x.kind, x.level, x.fireAt])).toEqual([
      ['reminder', 0, at('2026-12-07T09:35:00')],
      ['reminder', 1, at('2026-12-07T09:35:00')],
      ['breach', 0, at('2026-12-07T09:50:00')],
      ['escalation', 1, at('2026-12-07T09:50:00')],
    ]);
  });

  it('starts the clocks a newly matching policy gives, counted from creation', () => {
    const t = ticket(at('2026-12-02T10:00:00'));
    applyEvent(t, ctx({ policy: undefined }), { kind: 'created', at: t.createdAt });
    expect(t.clocks).toEqual([]);
    reconcile(t, ctx(), at('2026-12-02T10:30:00'), shanghai);
    expect(clock(t, 'first_response')).toMatchObject({ elapsedSeconds: 1800, dueAt: at('2026-12-02T11:00:00') });
  });
});
