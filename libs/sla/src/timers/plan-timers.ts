import { addBusinessSeconds, type BusinessCalendar } from '../calendars/business-calendar';
import type { SlaEscalation, SlaReminder } from '../policies/sla-policy';
import type { SlaClock } from '../clocks/sla-clock';

export type TimerKind = 'reminder' | 'breach' | 'escalation';

/** A due row: fires once at `fireAt` unless the clock changed (another version) in the meantime. */
export interface PlannedTimer {
  readonly clockId: string;
  readonly clockVersion: number;
  readonly kind: TimerKind;
  /** The reminder's index in the policy, or the escalation level (breach: 0). */
  readonly level: number;
  readonly fireAt: Date;
}

/** Business seconds into the target at which a reminder is due. */
export function reminderPoint(reminder: SlaReminder, targetSeconds: number): number {
  return 'percent' in reminder ? (targetSeconds * reminder.percent) / 100 : targetSeconds - reminder.beforeSeconds;
}

export const reminderLabel = (r: SlaReminder): string => ('percent' in r ? `${r.percent}%` : `${r.beforeSeconds}s`);

/**
 * The timers a running clock needs: reminders not sent yet (one already past but before the due time
 * fires at once), the breach unless it happened, the escalation levels not reached yet. A paused or
 * stopped clock needs none.
 */
export function planTimers(
  clock: SlaClock,
  policy: { readonly reminders: readonly SlaReminder[]; readonly escalations: readonly SlaEscalation[] },
  calendar: BusinessCalendar,
): PlannedTimer[] {
  const since = clock.runningSince;
  if (clock.state !== 'running' || since === null) return [];
  const at = (intoTarget: number): Date =>
    addBusinessSeconds(calendar, since, Math.max(0, intoTarget - clock.elapsedSeconds));
  const timer = (kind: TimerKind, level: number, fireAt: Date): PlannedTimer => ({
    clockId: clock.id,
    clockVersion: clock.version,
    kind,
    level,
    fireAt,
  });
  const timers: PlannedTimer[] = [];
  const breached = clock.breachedAt !== null || clock.elapsedSeconds >= clock.targetSeconds;
  policy.reminders.forEach((reminder, index) => {
    const point = reminderPoint(reminder, clock.targetSeconds);
    if ((clock.remindersSent & (1 << index)) !== 0 || breached || point <= 0) return;
    timers.push(timer('reminder', index, at(point)));
  });
  if (clock.breachedAt === null) timers.push(timer('breach', 0, at(clock.targetSeconds)));
  for (const e of policy.escalations) {
    if (e.level <= clock.escalatedLevel) continue;
    timers.push(timer('escalation', e.level, at(clock.targetSeconds + e.afterSeconds)));
  }
  return timers;
}

const KIND_ORDER: Readonly<Record<TimerKind, number>> = { reminder: 0, breach: 1, escalation: 2 };

/** The order timers due together fire in: by due time, reminders before the breach before escalations. */
export function firingOrder<T extends { fireAt: Date; kind: TimerKind; level: number }>(a: T, b: T): number {
  return a.fireAt.getTime() - b.fireAt.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.level - b.level;
}
