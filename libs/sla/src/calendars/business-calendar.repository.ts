import type { SqlExecutor } from '@switchboard/persistence';
import type { BusinessCalendar, CalendarDay, TimeRange } from './business-calendar';
import type { OfficialSource } from './official-days';

export interface CalendarRow {
  id: string;
  tenant_id: string;
  name: string;
  time_zone: string;
  always_open: boolean;
  weekly: TimeRange[][];
  official_source: OfficialSource | null;
  version: number;
  updated_at: Date;
}

interface DayRow {
  calendar_id: string;
  date: string;
  kind: 'holiday' | 'working';
  ranges: TimeRange[];
  name: string;
  source: 'admin' | 'official';
}

export interface StoredCalendar {
  readonly row: CalendarRow;
  readonly days: readonly (CalendarDay & { readonly source: 'admin' | 'official' })[];
}

export const CALENDAR_COLUMNS = `id, tenant_id, name, time_zone, always_open, weekly, official_source, version, updated_at`;

export function toBusinessCalendar(stored: StoredCalendar): BusinessCalendar {
  return {
    id: stored.row.id,
    timeZone: stored.row.time_zone,
    alwaysOpen: stored.row.always_open,
    weekly: stored.row.weekly,
    days: new Map(stored.days.map((d) => [d.date, d])),
  };
}

/** Reads calendars with their edited days; every method is scoped to the tenant it names, or to ids. */
export async function loadCalendars(tx: SqlExecutor, ids: readonly string[]): Promise<StoredCalendar[]> {
  if (ids.length === 0) return [];
  const rows = await tx.query<CalendarRow>(
    `SELECT ${CALENDAR_COLUMNS} FROM business_calendars WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const days = await tx.query<DayRow>(
    `SELECT calendar_id, to_char(date, 'YYYY-MM-DD') AS date, kind, ranges, name, source
       FROM business_calendar_days WHERE calendar_id = ANY($1::uuid[]) ORDER BY date`,
    [ids],
  );
  return rows.map((row) => ({
    row,
    days: days
      .filter((d) => d.calendar_id === row.id)
      .map((d) => ({ date: d.date, kind: d.kind, ranges: d.ranges, name: d.name, source: d.source })),
  }));
}

export async function calendarVersions(tx: SqlExecutor, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; version: number }>(
    `SELECT id, version FROM business_calendars WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.version]));
}

/**
 * Calendars by id, kept in memory between batches and reloaded when their version moved: the
 * consumer and the timer loop compute due times for every ticket they touch.
 */
export class CalendarCache {
  private readonly byId = new Map<string, { version: number; calendar: BusinessCalendar }>();

  async get(
    tx: SqlExecutor,
    ids: readonly string[],
  ): Promise<Map<string, { version: number; calendar: BusinessCalendar }>> {
    const unique = [...new Set(ids)];
    const versions = await calendarVersions(tx, unique);
    const stale = unique.filter((id) => versions.has(id) && this.byId.get(id)?.version !== versions.get(id));
    for (const stored of await loadCalendars(tx, stale)) {
      this.byId.set(stored.row.id, { version: stored.row.version, calendar: toBusinessCalendar(stored) });
    }
    const found = new Map<string, { version: number; calendar: BusinessCalendar }>();
    for (const id of unique) {
      const entry = this.byId.get(id);
      if (entry && versions.has(id)) found.set(id, entry);
    }
    return found;
  }
}
