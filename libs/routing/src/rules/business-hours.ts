import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Opening hours in the tenant's time zone: on `days` (1 = Monday … 7 = Sunday) from `from` up to
 * (not including) `to`; `to` before `from` means the hours run past midnight. `inside: false`
 * makes the condition hold outside those hours (the after-hours team).
 */
export const businessHoursSchema = z
  .object({
    timezone: z.string().refine(isTimeZone, { message: 'not an IANA time zone, e.g. Asia/Shanghai' }),
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: clock,
    to: clock,
    inside: z.boolean().default(true),
  })
  .strict()
  .refine((h) => h.from !== h.to, { message: 'from and to must differ', path: ['to'] });

export type BusinessHours = z.output<typeof businessHoursSchema>;

const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Formatters by zone: building one costs far more than using it, and routing judges every ticket. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The weekday (1–7) and minute of the day at `at` in `zone`. */
function localTime(zone: string, at: Date): { day: number; minute: number } {
  const parts = formatterFor(zone).formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { day: weekdays[part('weekday')] ?? 0, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** Whether `at` falls within the hours. Past midnight, the early part belongs to the day before. */
export function withinBusinessHours(
  hours: Pick<BusinessHours, 'timezone' | 'days' | 'from' | 'to'>,
  at: Date,
): boolean {
  const { day, minute } = localTime(hours.timezone, at);
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  if (from < to) return hours.days.includes(day) && minute >= from && minute < to;
  const dayBefore = day === 1 ? 7 : day - 1;
  return (hours.days.includes(day) && minute >= from) || (hours.days.includes(dayBefore) && minute < to);
}
