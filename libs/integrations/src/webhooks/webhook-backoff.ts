/** How long a delivery is retried, counted from its first attempt (or from a manual replay). */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 4 * 60 * 60 * 1000;

/**
 * The wait after the n-th failed attempt (1-based): 30 s, 1 min, 2 min, ... doubling up to 4 h, with
 * up to 10 % jitter so the deliveries of one outage do not all come back at the same second. About
 * 14 attempts fit in the 24-hour window.
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(base * (1 + random() * 0.1));
}

/** When to try again, or null when the next try would fall outside the retry window: give up. */
export function nextAttemptAt(failedAttempts: number, now: Date, retryUntil: Date, random?: () => number): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(failedAttempts, random));
  return next.getTime() > retryUntil.getTime() ? null : next;
}

/** Whether a status code counts as delivered: any 2xx. */
export const isDelivered = (status: number | null): boolean => status !== null && status >= 200 && status < 300;
