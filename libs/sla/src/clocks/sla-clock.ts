import { addBusinessSeconds, businessSecondsBetween, type BusinessCalendar } from '../calendars/business-calendar';
import type { Metric } from '../policies/sla-policy';

export type ClockState = 'running' | 'paused' | 'met' | 'cancelled';

/**
 * One cycle of one metric of one ticket. Business time already used is `elapsedSeconds` plus, while
 * running, the business time since `runningSince`; `dueAt` follows from both. Every change bumps
 * `version`, which is what timers are checked against before they fire.
 */
export interface SlaClock {
  readonly id: string;
  readonly metric: Metric;
  readonly cycle: number;
  readonly state: ClockState;
  readonly targetSeconds: number;
  readonly startedAt: Date;
  readonly elapsedSeconds: number;
  readonly runningSince: Date | null;
  readonly dueAt: Date | null;
  readonly breachedAt: Date | null;
  readonly remindersSent: number;
  readonly escalatedLevel: number;
  readonly stoppedAt: Date | null;
  readonly version: number;
}

export const isOpen = (c: SlaClock): boolean => c.state === 'running' || c.state === 'paused';

/** Business seconds used by `at` (never less than before: a late event does not run time backwards). */
export function usedSeconds(clock: SlaClock, calendar: BusinessCalendar, at: Date): number {
  if (clock.state !== 'running' || clock.runningSince === null) return clock.elapsedSeconds;
  return clock.elapsedSeconds + businessSecondsBetween(calendar, clock.runningSince, at);
}

const dueFrom = (calendar: BusinessCalendar, since: Date, target: number, used: number): Date =>
  addBusinessSeconds(calendar, since, Math.max(0, target - used));

/** The time a change takes effect: never before the clock's last change (events may arrive late). */
const effective = (clock: SlaClock, at: Date): Date =>
  clock.runningSince && clock.runningSince > at ? clock.runningSince : at;

export function startClock(
  init: { id: string; metric: Metric; cycle: number; targetSeconds: number; startedAt: Date },
  calendar: BusinessCalendar,
  opts: { at: Date; paused: boolean; usedSeconds?: number },
): SlaClock {
  const used = opts.usedSeconds ?? 0;
  return {
    ...init,
    state: opts.paused ? 'paused' : 'running',
    elapsedSeconds: used,
    runningSince: opts.paused ? null : opts.at,
    dueAt: opts.paused ? null : dueFrom(calendar, opts.at, init.targetSeconds, used),
    breachedAt: null,
    remindersSent: 0,
    escalatedLevel: 0,
    stoppedAt: null,
    version: 1,
  };
}

export function pauseClock(clock: SlaClock, calendar: BusinessCalendar, at: Date): SlaClock {
  if (clock.state !== 'running') return clock;
  const when = effective(clock, at);
  return {
    ...clock,
    state: 'paused',
    elapsedSeconds: usedSeconds(clock, calendar, when),
    runningSince: null,
    dueAt: null,
    version: clock.version + 1,
  };
}

export function resumeClock(clock: SlaClock, calendar: BusinessCalendar, at: Date): SlaClock {
  if (clock.state !== 'paused') return clock;
  return {
    ...clock,
    state: 'running',
    runningSince: at,
    dueAt: dueFrom(calendar, at, clock.targetSeconds, clock.elapsedSeconds),
    version: clock.version + 1,
  };
}

export function stopClock(
  clock: SlaClock,
  calendar: BusinessCalendar,
  at: Date,
  outcome: 'met' | 'cancelled',
): SlaClock {
  if (!isOpen(clock)) return clock;
  const when = effective(clock, at);
  return {
    ...clock,
    state: outcome,
    elapsedSeconds: usedSeconds(clock, calendar, when),
    runningSince: null,
    dueAt: null,
    stoppedAt: when,
    version: clock.version + 1,
  };
}

/** A new target or calendar: the time used so far stays, the due time moves. */
export function retargetClock(
  clock: SlaClock,
  targetSeconds: number,
  calendar: BusinessCalendar,
  at: Date,
  old: BusinessCalendar,
): SlaClock {
  if (!isOpen(clock)) return clock;
  if (clock.state === 'paused') return { ...clock, targetSeconds, version: clock.version + 1 };
  const when = effective(clock, at);
  const used = usedSeconds(clock, old, when);
  return {
    ...clock,
    targetSeconds,
    elapsedSeconds: used,
    runningSince: when,
    dueAt: dueFrom(calendar, when, targetSeconds, used),
    version: clock.version + 1,
  };
}

/** What a stopped clock leaves for statistics. */
export interface SlaMeasure {
  readonly clockId: string;
  readonly metric: Metric;
  readonly cycle: number;
  readonly outcome: 'met' | 'cancelled';
  readonly targetSeconds: number;
  readonly startedAt: Date;
  readonly stoppedAt: Date;
  readonly businessSeconds: number;
  readonly wallSeconds: number;
  readonly breached: boolean;
}

export function measureOf(clock: SlaClock): SlaMeasure | undefined {
  if (clock.state !== 'met' && clock.state !== 'cancelled') return undefined;
  const stoppedAt = clock.stoppedAt ?? clock.startedAt;
  return {
    clockId: clock.id,
    metric: clock.metric,
    cycle: clock.cycle,
    outcome: clock.state,
    targetSeconds: clock.targetSeconds,
    startedAt: clock.startedAt,
    stoppedAt,
    businessSeconds: clock.elapsedSeconds,
    wallSeconds: Math.max(0, (stoppedAt.getTime() - clock.startedAt.getTime()) / 1000),
    breached: clock.breachedAt !== null || clock.elapsedSeconds > clock.targetSeconds,
  };
}
