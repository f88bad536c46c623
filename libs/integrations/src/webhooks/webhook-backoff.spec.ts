import { nextAttemptAt, retryDelayMs, RETRY_WINDOW_MS } from './webhook-backoff';

describe('webhook retry backoff', () => {
  const noJitter = (): number => 0;

  it('doubles from 30 s and stops growing at 4 h', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, noJitter))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(30, noJitter)).toBe(4 * 60 * 60 * 1000);
    expect(retryDelayMs(1, () => 1)).toBe(33_000);
  });

  it('gives up once the next attempt would fall after the 24-hour window', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const until = new Date(start.getTime() + RETRY_WINDOW_MS);
    let now = start;
    let failures = 0;
    for (;;) {
      failures += 1;
      const next = nextAttemptAt(failures, now, until, noJitter);
      if (!next) break;
      now = next;
    }
    expect(failures).toBeGreaterThan(10);
    expect(failures).toBeLessThan(20);
    expect(now.getTime()).toBeLessThanOrEqual(until.getTime());
  });
});
