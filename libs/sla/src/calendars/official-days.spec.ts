import { officialDays } from './official-days';

describe('official calendars', () => {
  it("imports China's 2025 schedule with its make-up working days (调休)", () => {
    const days = new Map(officialDays({ kind: 'cn' }, 2025).map((d) => [d.date, d]));
    expect(days.get('2025-10-01')?.kind).toBe('holiday');
    expect(days.get('2025-10-08')?.kind).toBe('holiday');
    // Sunday 2025-01-26 and Saturday 2025-02-08 were worked for the Spring Festival week.
    expect(days.get('2025-01-26')?.kind).toBe('working');
    expect(days.get('2025-02-08')?.kind).toBe('working');
    // An ordinary weekend is no edited day.
    expect(days.has('2025-03-01')).toBe(false);
  });

  it("imports another country's public holidays (US, New York)", () => {
    const days = officialDays({ kind: 'country', country: 'US', region: 'NY' }, 2026);
    expect(days.find((d) => d.date === '2026-11-26')).toMatchObject({ kind: 'holiday', name: 'Thanksgiving Day' });
    expect(days.every((d) => d.kind === 'holiday')).toBe(true);
  });

  it('refuses a country date-holidays does not know', () => {
    expect(() => officialDays({ kind: 'country', country: 'XX' }, 2026)).toThrow(/no country XX/);
  });
});
