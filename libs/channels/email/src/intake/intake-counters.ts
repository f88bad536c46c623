import type { NoiseReason } from '../classify/email-classification';

export type IntakeOutcome =
  | 'published'
  | 'truncated'
  | 'already_ticketed'
  | 'rejected'
  | 'bounce_matched'
  | 'bounce_delayed'
  | 'bounce_unmatched'
  | 'unreadable'
  | `noise_${NoiseReason}`;

/** Counts what intake did with each fetched mail, for logs, tests and the bench. */
export class IntakeCounters {
  private readonly counts = new Map<IntakeOutcome, number>();

  add(outcome: IntakeOutcome, n = 1): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + n);
  }

  get(outcome: IntakeOutcome): number {
    return this.counts.get(outcome) ?? 0;
  }

  snapshot(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.counts);
  }
}
