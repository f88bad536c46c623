import { visitWindowText, zonedTimeToInstant } from './visit-window';

describe('visit windows in the tenant time zone', () => {
  it('reads a local wall-clock time as the instant of that zone and shows it back', () => {
    const start = zonedTimeToInstant('2026-12-03T09:00', 'Asia/Shanghai');
    const end = zonedTimeToInstant('2026-12-03T11:30', 'Asia/Shanghai');
    expect(start.toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(visitWindowText(start, end, 'Asia/Shanghai')).toBe('2026-12-03 09:00–11:30 (Asia/Shanghai)');
    expect(zonedTimeToInstant('2026-07-01T09:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(() => zonedTimeToInstant('tomorrow', 'UTC')).toThrow(RangeError);
  });
});
