import { businessSecondsBetween, type BusinessCalendar } from '../calendars/business-calendar';
import { targetOf, type Metric, type SlaPolicy } from '../policies/sla-policy';
import { isOpen, pauseClock, resumeClock, retargetClock, startClock, stopClock, type SlaClock } from './sla-clock';

/** What the SLA engine takes from ticket.events.v1; anything else only re-matches the policy. */
export type SlaTicketEvent =
  | { readonly kind: 'created'; readonly at: Date }
  | { readonly kind: 'message'; readonly direction: 'inbound' | 'outbound'; readonly at: Date }
  | { readonly kind: 'status'; readonly to: string; readonly at: Date }
  | { readonly kind: 'merged'; readonly at: Date }
  /** Assignment moves a new ticket to assigned without a StatusChanged of its own. */
  | { readonly kind: 'assigned'; readonly at: Date }
  | { readonly kind: 'touched'; readonly at: Date };

/** Pending-customer and on-hold stop the clocks until the ticket moves on. */
export const PAUSING_STATUSES: ReadonlySet<string> = new Set(['pending_customer', 'on_hold']);
const TERMINAL: ReadonlySet<string> = new Set(['resolved', 'closed', 'merged']);

/** One ticket's SLA state while a batch works on it. */
export interface TrackedTicket {
  status: string;
  responded: boolean;
  readonly createdAt: Date;
  /** Open clocks, plus those this batch stopped (kept for their measures). */
  clocks: SlaClock[];
  /** The highest cycle per metric so far. */
  readonly cycles: Map<Metric, number>;
}

export interface TrackContext {
  readonly policy: SlaPolicy | undefined;
  readonly priority: string;
  readonly calendar: BusinessCalendar;
  readonly newId: () => string;
}

const openOf = (t: TrackedTicket, metric: Metric): SlaClock | undefined =>
  t.clocks.find((c) => c.metric === metric && isOpen(c));

function replace(t: TrackedTicket, before: SlaClock, after: SlaClock): void {
  if (before !== after) t.clocks = t.clocks.map((c) => (c === before ? after : c));
}

function start(t: TrackedTicket, ctx: TrackContext, metric: Metric, at: Date, startedAt = at, used = 0): void {
  const target = ctx.policy ? targetOf(ctx.policy, metric, ctx.priority) : undefined;
  if (target === undefined || openOf(t, metric)) return;
  const cycle = (t.cycles.get(metric) ?? 0) + 1;
  t.cycles.set(metric, cycle);
  const paused = PAUSING_STATUSES.has(t.status) && !metric.startsWith('status:');
  t.clocks.push(
    startClock({ id: ctx.newId(), metric, cycle, targetSeconds: target, startedAt }, ctx.calendar, {
      at,
      paused,
      usedSeconds: used,
    }),
  );
}

function stop(t: TrackedTicket, ctx: TrackContext, metric: Metric, at: Date, outcome: 'met' | 'cancelled'): void {
  const clock = openOf(t, metric);
  if (clock) replace(t, clock, stopClock(clock, ctx.calendar, at, outcome));
}

function changeStatus(t: TrackedTicket, ctx: TrackContext, to: string, at: Date): void {
  const from = t.status;
  if (from === to) return;
  t.status = to;
  for (const clock of t.clocks.filter((c) => isOpen(c) && c.metric.startsWith('status:')))
    replace(t, clock, stopClock(clock, ctx.calendar, at, 'met'));
  if (TERMINAL.has(to)) {
    stop(t, ctx, 'resolution', at, 'met');
    stop(t, ctx, 'first_response', at, 'cancelled');
    stop(t, ctx, 'next_response', at, 'cancelled');
    return;
  }
  for (const clock of t.clocks.filter((c) => isOpen(c) && !c.metric.startsWith('status:'))) {
    const next = PAUSING_STATUSES.has(to) ? pauseClock(clock, ctx.calendar, at) : resumeClock(clock, ctx.calendar, at);
    replace(t, clock, next);
  }
  // A reopened ticket gets a new resolution cycle.
  if (TERMINAL.has(from)) start(t, ctx, 'resolution', at);
  start(t, ctx, `status:${to}`, at);
}

/** Applies one event to the ticket's clocks. */
export function applyEvent(t: TrackedTicket, ctx: TrackContext, event: SlaTicketEvent): void {
  switch (event.kind) {
    case 'created':
      start(t, ctx, 'first_response', event.at);
      start(t, ctx, 'resolution', event.at);
      start(t, ctx, `status:${t.status}`, event.at);
      return;
    case 'message':
      if (event.direction === 'outbound') {
        t.responded = true;
        stop(t, ctx, 'first_response', event.at, 'met');
        stop(t, ctx, 'next_response', event.at, 'met');
      } else if (t.responded && !TERMINAL.has(t.status)) {
        // Each customer message after our first answer starts the next-response clock (if none runs).
        start(t, ctx, 'next_response', event.at);
      }
      return;
    case 'status':
      changeStatus(t, ctx, event.to, event.at);
      return;
    case 'merged':
      for (const clock of t.clocks.filter(isOpen))
        replace(t, clock, stopClock(clock, ctx.calendar, event.at, 'cancelled'));
      t.status = 'merged';
      return;
    case 'assigned':
      if (t.status === 'new') changeStatus(t, ctx, 'assigned', event.at);
      return;
    case 'touched':
      return;
  }
}

/**
 * After a change of policy, priority or calendar: every open clock gets the target the policy now
 * gives (cancelled when it gives none, the time used so far kept), and the clocks the ticket should
 * have but lacks start, counted from the ticket's creation. `force` retargets every open clock (the
 * calendar's days changed under the same id). Returns whether any open clock changed.
 */
export function reconcile(
  t: TrackedTicket,
  ctx: TrackContext,
  at: Date,
  previous: BusinessCalendar,
  force = false,
): boolean {
  let changed = false;
  for (const clock of t.clocks.filter(isOpen)) {
    const target = ctx.policy ? targetOf(ctx.policy, clock.metric, ctx.priority) : undefined;
    if (target === undefined) {
      replace(t, clock, stopClock(clock, previous, at, 'cancelled'));
      changed = true;
    } else if (force || target !== clock.targetSeconds || ctx.calendar !== previous) {
      replace(t, clock, retargetClock(clock, target, ctx.calendar, at, previous));
      changed = true;
    }
  }
  if (TERMINAL.has(t.status)) return changed;
  const before = t.clocks.length;
  // Pauses before this policy applied are not known here; the time since creation counts.
  const sinceCreation = businessSecondsBetween(ctx.calendar, t.createdAt, at);
  if (!t.responded) start(t, ctx, 'first_response', at, t.createdAt, sinceCreation);
  start(t, ctx, 'resolution', at, t.createdAt, sinceCreation);
  return changed || t.clocks.length !== before;
}
