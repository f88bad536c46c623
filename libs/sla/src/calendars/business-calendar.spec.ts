import {
  addBusinessSeconds,
  businessSecondsBetween,
  weekdaysFromTo,
  type BusinessCalendar,
  type CalendarDay,
} from './business-calendar';

const HOUR = 3600;

function calendar(
  timeZone: string,
  days: CalendarDay[] = [],
  weekly = weekdaysFromTo(9 * 60, 18 * 60),
): BusinessCalendar {
  return { id: 'c', timeZone, alwaysOpen: false, weekly, days: new Map(days.map((d) => [d.date, d])) };
}

const holiday = (date: string): CalendarDay => ({ date, kind: 'holiday', ranges: [], name: 'holiday' });
const makeUp = (date: string): CalendarDay => ({ date, kind: 'working', ranges: [], name: '调休' });

describe('business calendars', () => {
  // Friday 2026-12-04 17:50 in Shanghai (UTC+8, no daylight saving).
  const fridayEvening = new Date('2026-12-04T17:50:00+08:00');

  it('carries a 1-hour target from Friday 17:50 to Monday 09:50 over the weekend (Asia/Shanghai)', () => {
    expect(addBusinessSeconds(calendar('Asia/Shanghai'), fridayEvening, HOUR)).toEqual(
      new Date('2026-12-07T09:50:00+08:00'),
    );
  });

  it('skips a Monday holiday to Tuesday 09:50', () => {
    const cal = calendar('Asia/Shanghai', [holiday('2026-12-07')]);
    expect(addBusinessSeconds(cal, fridayEvening, HOUR)).toEqual(new Date('2026-12-08T09:50:00+08:00'));
  });

  it('works a make-up Saturday (调休) with the usual hours: due Saturday 09:50', () => {
    const cal = calendar('Asia/Shanghai', [makeUp('2026-12-05')]);
    expect(addBusinessSeconds(cal, fridayEvening, HOUR)).toEqual(new Date('2026-12-05T09:50:00+08:00'));
  });

  it('keeps several ranges a day (lunch break)', () => {
    const lunch = weekdaysFromTo(0, 0).map((_, i) =>
      i < 5
        ? [
            { start: 9 * 60, end: 12 * 60 },
            { start: 13 * 60, end: 18 * 60 },
          ]
        : [],
    );
    const cal = calendar('Asia/Shanghai', [], lunch);
    expect(addBusinessSeconds(cal, new Date('2026-12-02T11:30:00+08:00'), HOUR)).toEqual(
      new Date('2026-12-02T13:30:00+08:00'),
    );
    expect(
      businessSecondsBetween(cal, new Date('2026-12-02T08:00:00+08:00'), new Date('2026-12-02T20:00:00+08:00')),
    ).toBe(8 * HOUR);
  });

  it('is due at closing time when the target ends exactly then', () => {
    expect(addBusinessSeconds(calendar('Asia/Shanghai'), new Date('2026-12-02T17:00:00+08:00'), HOUR)).toEqual(
      new Date('2026-12-02T18:00:00+08:00'),
    );
  });

  it('follows New York office hours across the spring daylight-saving switch (EST → EDT)', () => {
    // Friday 2026-03-06 16:30 EST; clocks go forward on Sunday 2026-03-08.
    const due = addBusinessSeconds(
      calendar('America/New_York', [], weekdaysFromTo(9 * 60, 17 * 60)),
      new Date('2026-03-06T16:30:00-05:00'),
      HOUR,
    );
    expect(due).toEqual(new Date('2026-03-09T09:30:00-04:00'));
  });

  it('counts the 25-hour day when New York falls back (EDT → EST)', () => {
    const allDay = [0, 1, 2, 3, 4, 5, 6].map(() => [{ start: 0, end: 1440 }]);
    const cal = calendar('America/New_York', [], allDay);
    const sunday = new Date('2026-11-01T00:00:00-04:00');
    const monday = new Date('2026-11-02T00:00:00-05:00');
    expect(businessSecondsBetween(cal, sunday, monday)).toBe(25 * HOUR);
    expect(addBusinessSeconds(cal, sunday, 25 * HOUR)).toEqual(monday);
  });

  it('measures business time as the inverse of adding it', () => {
    const cal = calendar('Asia/Shanghai', [holiday('2026-12-07'), makeUp('2026-12-05')]);
    const due = addBusinessSeconds(cal, fridayEvening, 20 * HOUR);
    expect(businessSecondsBetween(cal, fridayEvening, due)).toBe(20 * HOUR);
  });

  it('counts every second of a 24×7 calendar', () => {
    const cal: BusinessCalendar = { ...calendar('UTC'), alwaysOpen: true };
    expect(addBusinessSeconds(cal, fridayEvening, HOUR)).toEqual(new Date(fridayEvening.getTime() + HOUR * 1000));
  });

  it('refuses a calendar that never opens', () => {
    const closed = calendar('UTC', [], [[], [], [], [], [], [], []]);
    expect(() => addBusinessSeconds(closed, fridayEvening, HOUR)).toThrow(/no working time/);
  });
});
