// chinese-days ships minified CommonJS: Node's ESM loader sees only its default export.
import chineseDaysPackage from 'chinese-days';
import Holidays from 'date-holidays';
import type { CalendarDay } from './business-calendar';
import { addDays, isoDate, isoWeekday, type LocalDate } from './zoned-time';

/**
 * Where a calendar's official days come from: China's State Council schedule (holidays and the
 * make-up working days, 调休) as maintained in chinese-days, or another country's (and optionally
 * region's) public holidays from date-holidays, which knows no make-up days.
 */
export type OfficialSource =
  { readonly kind: 'cn' } | { readonly kind: 'country'; readonly country: string; readonly region?: string };

export class UnknownCountryError extends Error {
  constructor(country: string) {
    super(`date-holidays knows no country ${country}`);
    this.name = 'UnknownCountryError';
  }
}

/** China: a weekday off is a holiday, a weekend day on is a make-up working day. */
function chineseDays(year: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let d: LocalDate = { year, month: 1, day: 1 }; d.year === year; d = addDays(d, 1)) {
    const date = isoDate(d);
    const detail = chineseDaysPackage.getDayDetail(date);
    const weekend = isoWeekday(d) >= 6;
    // chinese-days names days "English,中文,length"; the name is kept as the admin sees it.
    const name = detail.name.split(',').slice(0, 2).join(' ');
    if (weekend && detail.work) days.push({ date, kind: 'working', ranges: [], name: name || '调休' });
    if (!weekend && !detail.work) days.push({ date, kind: 'holiday', ranges: [], name });
  }
  return days;
}

function countryDays(year: number, country: string, region: string | undefined): CalendarDay[] {
  const holidays = region ? new Holidays(country, region) : new Holidays(country);
  if (!holidays.getCountries()[country]) throw new UnknownCountryError(country);
  const byDate = new Map<string, CalendarDay>();
  for (const h of holidays.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    if (!byDate.has(date)) byDate.set(date, { date, kind: 'holiday', ranges: [], name: h.name });
  }
  return [...byDate.values()];
}

/** The official holidays (and, for China, make-up working days) of one year, by date. */
export function officialDays(source: OfficialSource, year: number): CalendarDay[] {
  switch (source.kind) {
    case 'cn':
      return chineseDays(year);
    case 'country':
      return countryDays(year, source.country, source.region);
  }
}
