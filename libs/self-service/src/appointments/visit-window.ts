/** "2026-12-03 09:00–11:00 (Asia/Shanghai)": the window as the tenant's clock shows it. */
export function visitWindowText(start: Date, end: Date, timeZone: string): string {
  const parts = (d: Date): Record<string, string> =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(d)
        .map((p) => [p.type, p.value]),
    );
  const a = parts(start);
  const b = parts(end);
  const day = (p: Record<string, string>): string => `${p['year']}-${p['month']}-${p['day']}`;
  const time = (p: Record<string, string>): string => `${p['hour']}:${p['minute']}`;
  const until = day(a) === day(b) ? time(b) : `${day(b)} ${time(b)}`;
  return `${day(a)} ${time(a)}–${until} (${timeZone})`;
}

/** A wall-clock time "2026-12-03T09:00" in `timeZone` as an instant. */
export function zonedTimeToInstant(local: string, timeZone: string): Date {
  const asUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? new Date(`${local}:00Z`) : new Date(NaN);
  if (Number.isNaN(asUtc.getTime())) throw new RangeError(`not a local time: ${local}`);
  // The zone's offset at that moment, found by formatting the guess back in the zone (twice, for DST edges).
  let guess = asUtc.getTime();
  for (let i = 0; i < 2; i++) {
    const shown = new Date(
      new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' })
        .format(new Date(guess))
        .replace(' ', 'T') + 'Z',
    );
    guess += asUtc.getTime() - shown.getTime();
  }
  return new Date(guess);
}
