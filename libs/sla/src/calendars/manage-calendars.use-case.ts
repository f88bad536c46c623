import { newId } from '@switchboard/ids';
import { inTenant, PgErrorCode, pgErrorCode, type Database, type SqlExecutor } from '@switchboard/persistence';
import type { TimeRange } from './business-calendar';
import {
  rangeText,
  WEEKDAYS,
  type CalendarDayInput,
  type CalendarInput,
  type CalendarUpdate,
  type ImportDaysInput,
} from './business-calendar.schemas';
import { CALENDAR_COLUMNS, loadCalendars, type CalendarRow, type StoredCalendar } from './business-calendar.repository';
import { officialDays, UnknownCountryError, type OfficialSource } from './official-days';
import { SlaException, SlaExceptionCode } from '../shared/sla.exception';
import { flagRecompute } from '../shared/recompute-flags';

export interface CalendarDayView {
  readonly date: string;
  readonly kind: 'holiday' | 'working';
  readonly ranges: string[];
  readonly name: string;
  readonly source: 'admin' | 'official';
}

export interface CalendarView {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly alwaysOpen: boolean;
  readonly weekly: Record<(typeof WEEKDAYS)[number], string[]>;
  readonly officialSource: OfficialSource | null;
  readonly version: number;
  readonly updatedAt: string;
  readonly days?: CalendarDayView[];
}

function toView(row: CalendarRow, days?: StoredCalendar['days']): CalendarView {
  const weekly = Object.fromEntries(
    WEEKDAYS.map((d, i) => [d, (row.weekly[i] ?? []).map(rangeText)]),
  ) as CalendarView['weekly'];
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    alwaysOpen: row.always_open,
    weekly,
    officialSource: row.official_source,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    ...(days ? { days: days.map((d) => ({ ...d, ranges: d.ranges.map(rangeText) })) } : {}),
  };
}

const weeklyOf = (input: CalendarInput): TimeRange[][] => WEEKDAYS.map((d) => input.weekly[d]);
const notFound = (): SlaException => new SlaException(SlaExceptionCode.CalendarNotFound, 'No such business calendar.');

/**
 * Business calendars of a tenant: weekly hours, edited days, official days imported from
 * chinese-days (China, with make-up working days) or date-holidays (other countries). Every change
 * bumps the calendar's version and marks the tickets timed by it for a recompute, audited per ticket.
 */
export class ManageCalendarsUseCase {
  constructor(private readonly db: Database) {}

  list(tenantId: string): Promise<CalendarView[]> {
    return inTenant(this.db, tenantId, async (tx) => {
      const rows = await tx.query<CalendarRow>(
        `SELECT ${CALENDAR_COLUMNS} FROM business_calendars WHERE tenant_id = $1 ORDER BY name`,
        [tenantId],
      );
      return rows.map((r) => toView(r));
    });
  }

  get(tenantId: string, id: string): Promise<CalendarView> {
    return inTenant(this.db, tenantId, async (tx) => {
      const [stored] = await this.stored(tx, tenantId, id);
      if (!stored) throw notFound();
      return toView(stored.row, stored.days);
    });
  }

  create(tenantId: string, input: CalendarInput): Promise<CalendarView> {
    return this.write(tenantId, async (tx) => {
      const id = newId();
      await tx.query(
        `INSERT INTO business_calendars (id, tenant_id, name, time_zone, always_open, weekly, official_source)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
        [
          id,
          tenantId,
          input.name,
          input.timeZone,
          input.alwaysOpen,
          JSON.stringify(weeklyOf(input)),
          json(input.officialSource),
        ],
      );
      return id;
    });
  }

  update(tenantId: string, id: string, input: CalendarUpdate): Promise<CalendarView> {
    return this.write(tenantId, async (tx) => {
      const rows = await tx.query<{ version: number }>(
        `UPDATE business_calendars SET name = $3, time_zone = $4, always_open = $5, weekly = $6::jsonb,
                official_source = $7::jsonb, version = version + 1, updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND version = $8 RETURNING version`,
        [
          tenantId,
          id,
          input.name,
          input.timeZone,
          input.alwaysOpen,
          JSON.stringify(weeklyOf(input)),
          json(input.officialSource),
          input.version,
        ],
      );
      if (rows.length === 0) await this.refuseStale(tx, tenantId, id);
      await flagRecompute(tx, tenantId, { calendarId: id });
      return id;
    });
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await inTenant(this.db, tenantId, async (tx) => {
      const used = await tx.query(`SELECT 1 FROM sla_policies WHERE tenant_id = $1 AND calendar_id = $2 LIMIT 1`, [
        tenantId,
        id,
      ]);
      if (used.length > 0) throw new SlaException(SlaExceptionCode.CalendarInUse, 'A policy still uses this calendar.');
      await tx.query(`DELETE FROM business_calendar_days WHERE tenant_id = $1 AND calendar_id = $2`, [tenantId, id]);
      const rows = await tx.query(`DELETE FROM business_calendars WHERE tenant_id = $1 AND id = $2 RETURNING id`, [
        tenantId,
        id,
      ]);
      if (rows.length === 0) throw notFound();
    });
  }

  /** An admin's day wins over an official one and survives later imports. */
  setDay(tenantId: string, id: string, date: string, day: CalendarDayInput): Promise<CalendarView> {
    return this.write(tenantId, async (tx) => {
      await this.touch(tx, tenantId, id);
      await tx.query(
        `INSERT INTO business_calendar_days (tenant_id, calendar_id, date, kind, ranges, name, source)
         VALUES ($1, $2, $3::date, $4, $5::jsonb, $6, 'admin')
         ON CONFLICT (calendar_id, date) DO UPDATE SET kind = EXCLUDED.kind, ranges = EXCLUDED.ranges,
           name = EXCLUDED.name, source = 'admin'`,
        [tenantId, id, date, day.kind, JSON.stringify(day.ranges), day.name],
      );
      return id;
    });
  }

  clearDay(tenantId: string, id: string, date: string): Promise<CalendarView> {
    return this.write(tenantId, async (tx) => {
      await this.touch(tx, tenantId, id);
      await tx.query(
        `DELETE FROM business_calendar_days WHERE tenant_id = $1 AND calendar_id = $2 AND date = $3::date`,
        [tenantId, id, date],
      );
      return id;
    });
  }

  /** Replaces the official days of the given years; days an admin edited stay as they are. */
  importOfficial(tenantId: string, id: string, input: ImportDaysInput): Promise<CalendarView> {
    return this.write(tenantId, async (tx) => {
      const [stored] = await this.stored(tx, tenantId, id);
      if (!stored) throw notFound();
      const source = input.source ?? stored.row.official_source;
      if (!source) throw new SlaException(SlaExceptionCode.InvalidCalendar, 'Name an official source to import from.');
      const days = input.years.flatMap((year) => officialOrRefuse(source, year));
      await tx.query(
        `DELETE FROM business_calendar_days WHERE tenant_id = $1 AND calendar_id = $2 AND source = 'official'
            AND extract(year FROM date)::int = ANY($3::int[])`,
        [tenantId, id, input.years],
      );
      await tx.query(
        `INSERT INTO business_calendar_days (tenant_id, calendar_id, date, kind, ranges, name, source)
         SELECT $1, $2, d.date, d.kind, '[]'::jsonb, d.name, 'official'
           FROM unnest($3::date[], $4::text[], $5::text[]) AS d(date, kind, name)
         ON CONFLICT (calendar_id, date) DO NOTHING`,
        [tenantId, id, days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name)],
      );
      await tx.query(
        `UPDATE business_calendars SET official_source = $3::jsonb, version = version + 1, updated_at = now()
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, JSON.stringify(source)],
      );
      await flagRecompute(tx, tenantId, { calendarId: id });
      return id;
    });
  }

  private async write(tenantId: string, change: (tx: SqlExecutor) => Promise<string>): Promise<CalendarView> {
    try {
      return await inTenant(this.db, tenantId, async (tx) => {
        const id = await change(tx);
        const [stored] = await this.stored(tx, tenantId, id);
        if (!stored) throw notFound();
        return toView(stored.row, stored.days);
      });
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.uniqueViolation)
        throw new SlaException(SlaExceptionCode.CalendarConflict, 'The tenant already has a calendar of that name.');
      throw error;
    }
  }

  private async stored(tx: SqlExecutor, tenantId: string, id: string): Promise<StoredCalendar[]> {
    return (await loadCalendars(tx, [id])).filter((c) => c.row.tenant_id === tenantId);
  }

  private async touch(tx: SqlExecutor, tenantId: string, id: string): Promise<void> {
    const rows = await tx.query(
      `UPDATE business_calendars SET version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING id`,
      [tenantId, id],
    );
    if (rows.length === 0) throw notFound();
    await flagRecompute(tx, tenantId, { calendarId: id });
  }

  private async refuseStale(tx: SqlExecutor, tenantId: string, id: string): Promise<never> {
    const exists = await tx.query(`SELECT 1 FROM business_calendars WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    if (exists.length === 0) throw notFound();
    throw new SlaException(SlaExceptionCode.StaleVersion, 'The calendar changed since it was read; read it again.');
  }
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

function officialOrRefuse(source: OfficialSource, year: number): ReturnType<typeof officialDays> {
  try {
    return officialDays(source, year);
  } catch (error) {
    if (error instanceof UnknownCountryError) throw new SlaException(SlaExceptionCode.InvalidCalendar, error.message);
    throw error;
  }
}
