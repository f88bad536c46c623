import { addDays, instantOf, isoDate, isoWeekday, localDateOf, type LocalDate } from './zoned-time';

/** Working time within one day: minutes after local midnight, start < end ≤ 1440. */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

/** An edited day: a holiday (closed) or a working day (China's 调休 make-up Saturday, say). */
export interface CalendarDay {
  readonly date: string;
  readonly kind: 'holiday' | 'working';
  /** Working hours of a working day; empty means the calendar's usual working day. */
  readonly ranges: readonly TimeRange[];
  readonly name: string;
}

export interface BusinessCalendar {
  readonly id: string;
  readonly timeZone: string;
  /** 24×7: every second counts, no weekly hours or days apply. */
  readonly alwaysOpen: boolean;
  /** Index 0 = Monday … 6 = Sunday. */
  readonly weekly: readonly (readonly TimeRange[])[];
  /** By ISO date. */
  readonly days: ReadonlyMap<string, CalendarDay>;
}

/** Far enough to cross any holiday season; a calendar with no working time within it is refused. */
const MAX_DAYS = 800;

export class CalendarNeverOpenError extends Error {
  constructor(calendarId: string) {
    super(`calendar ${calendarId} has no working time within ${MAX_DAYS} days`);
    this.name = 'CalendarNeverOpenError';
  }
}

/** The hours a make-up working day keeps when it names none: the first weekday that has hours. */
function usualWorkingDay(calendar: BusinessCalendar): readonly TimeRange[] {
  return calendar.weekly.find((ranges) => ranges.length > 0) ?? [{ start: 540, end: 1080 }];
}

/** The working hours of one local date, after the edited days. */
export function rangesOn(calendar: BusinessCalendar, date: LocalDate): readonly TimeRange[] {
  const edited = calendar.days.get(isoDate(date));
  if (edited?.kind === 'holiday') return [];
  if (edited?.kind === 'working') return edited.ranges.length > 0 ? edited.ranges : usualWorkingDay(calendar);
  return calendar.weekly[isoWeekday(date) - 1] ?? [];
}

/** The working intervals [start, end) in epoch ms of one local date, in order. */
function intervalsOn(calendar: BusinessCalendar, date: LocalDate): [number, number][] {
  return [...rangesOn(calendar, date)]
    .sort((a, b) => a.start - b.start)
    .map((r) => [instantOf(date, r.start, calendar.timeZone), instantOf(date, r.end, calendar.timeZone)]);
}

/** Walks the working intervals from the local date of `from` on, until `visit` says stop. */
function walk(calendar: BusinessCalendar, from: number, visit: (start: number, end: number) => boolean): void {
  let date = addDays(localDateOf(new Date(from), calendar.timeZone), -1);
  for (let i = 0; i < MAX_DAYS; i++, date = addDays(date, 1)) {
    for (const [start, end] of intervalsOn(calendar, date)) {
      if (end <= from) continue;
      if (visit(Math.max(start, from), end)) return;
    }
  }
  throw new CalendarNeverOpenError(calendar.id);
}

/**
 * The instant at which `seconds` of business time have passed after `from`. Zero seconds gives
 * `from` itself; a target that ends exactly at closing time is due at closing time, not next morning.
 */
export function addBusinessSeconds(calendar: BusinessCalendar, from: Date, seconds: number): Date {
  if (seconds <= 0) return from;
  if (calendar.alwaysOpen) return new Date(from.getTime() + seconds * 1000);
  let left = seconds * 1000;
  let due = from.getTime();
  walk(calendar, from.getTime(), (start, end) => {
    if (end - start >= left) {
      due = start + left;
      return true;
    }
    left -= end - start;
    return false;
  });
  return new Date(due);
}

/** Business seconds between `from` and `to` (0 when `to` is not after `from`). */
export function businessSecondsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (calendar.alwaysOpen) return (b - a) / 1000;
  let total = 0;
  try {
    walk(calendar, a, (start, end) => {
      if (start >= b) return true;
      total += Math.min(end, b) - start;
      return end >= b;
    });
  } catch (error) {
    // Closed from some point to beyond `to`: the sum so far is the answer.
    if (!(error instanceof CalendarNeverOpenError)) throw error;
  }
  return total / 1000;
}

/** The weekly hours of a Monday–Friday office, e.g. 09:00–18:00. */
export function weekdaysFromTo(start: number, end: number): TimeRange[][] {
  return [0, 1, 2, 3, 4, 5, 6].map((i) => (i < 5 ? [{ start, end }] : []));
}
