import { z } from 'zod';
import type { TimeRange } from './business-calendar';
import { isTimeZone } from './zoned-time';

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** "09:00-18:00" → minutes after midnight; "24:00" closes at midnight. */
export const rangeSchema = z
  .string()
  .regex(RANGE, 'HH:MM-HH:MM, 24-hour (24:00 for midnight)')
  .transform((text): TimeRange => ({ start: minutes(text.slice(0, 5)), end: minutes(text.slice(6, 11)) }))
  .refine((r) => r.end > r.start, 'a range ends after it starts');

export const rangesSchema = z
  .array(rangeSchema)
  .max(8)
  .refine(
    (ranges) =>
      [...ranges].sort((a, b) => a.start - b.start).every((r, i, all) => i === 0 || r.start >= (all[i - 1]?.end ?? 0)),
    'ranges of one day must not overlap',
  );

export const rangeText = (r: TimeRange): string => {
  const hhmm = (m: number): string =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${hhmm(r.start)}-${hhmm(r.end)}`;
};

const timeZone = z.string().refine(isTimeZone, 'not an IANA time zone, e.g. Asia/Shanghai');

const day = rangesSchema.default([]);
export const weeklySchema = z.object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }).strict();

export const officialSourceSchema = z.union([
  z.object({ kind: z.literal('cn') }).strict(),
  z
    .object({
      kind: z.literal('country'),
      country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, e.g. US'),
      region: z
        .string()
        .regex(/^[A-Za-z0-9]{1,8}$/)
        .optional(),
    })
    .strict(),
]);

const calendarBase = z
  .object({
    name: z.string().trim().min(1).max(200),
    timeZone,
    alwaysOpen: z.boolean().default(false),
    weekly: weeklySchema,
    officialSource: officialSourceSchema.nullable().default(null),
  })
  .strict();

const hasHours = {
  check: (c: z.output<typeof calendarBase>): boolean => c.alwaysOpen || WEEKDAYS.some((d) => c.weekly[d].length > 0),
  message: { message: 'a calendar needs working hours on some weekday, or alwaysOpen', path: ['weekly'] },
};

export const calendarInputSchema = calendarBase.refine(hasHours.check, hasHours.message);

/** A full replacement; `version` is the one the admin read (a newer one answers 409 stale_version). */
export const calendarUpdateSchema = calendarBase
  .extend({ version: z.number().int().positive() })
  .refine(hasHours.check, hasHours.message);

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((d) => !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()), 'not a date');

export const calendarDayInputSchema = z
  .object({
    kind: z.enum(['holiday', 'working']),
    ranges: rangesSchema.default([]),
    name: z.string().trim().max(200).default(''),
  })
  .strict()
  .refine((d) => d.kind === 'working' || d.ranges.length === 0, {
    message: 'a holiday has no hours',
    path: ['ranges'],
  });

export const importDaysInputSchema = z
  .object({
    source: officialSourceSchema.optional(),
    years: z.array(z.number().int().min(2000).max(2100)).min(1).max(5),
  })
  .strict();

export type CalendarInput = z.output<typeof calendarInputSchema>;
export type CalendarUpdate = z.output<typeof calendarUpdateSchema>;
export type CalendarDayInput = z.output<typeof calendarDayInputSchema>;
export type ImportDaysInput = z.output<typeof importDaysInputSchema>;
