/**
 * Channel message ids published recently, by insertion order, bounded in count and age. Providers
 * retry a webhook they think failed within seconds (WeChat 3 times in 15 s), so a small window
 * absorbs nearly every duplicate before it reaches the bus; the ticket service's unique key on
 * (tenant, channel, channel message id) catches the rest (another instance, an older duplicate).
 */
export class RecentIds {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly maxEntries = 50_000,
    private readonly ttlMs = 10 * 60_000,
  ) {}

  has(key: string, nowMs: number): boolean {
    const at = this.#seen.get(key);
    if (at === undefined) return false;
    if (nowMs - at <= this.ttlMs) return true;
    this.#seen.delete(key);
    return false;
  }

  add(key: string, nowMs: number): void {
    this.#seen.delete(key);
    this.#seen.set(key, nowMs);
    while (this.#seen.size > this.maxEntries) {
      const oldest = this.#seen.keys().next();
      if (oldest.done === true) break;
      this.#seen.delete(oldest.value);
    }
  }
}
