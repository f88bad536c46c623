import {
  pickLeastLoaded,
  pickRoundRobin,
  type CapacityCandidate,
  type CapacityStore,
  type Reservation,
} from '../capacity-store';

/** The embedded mode's stand-in for Redis: one process, so plain synchronous code is atomic. */
export class InMemoryCapacityStore implements CapacityStore {
  private readonly counters = new Map<string, number>();
  private readonly lastPicks = new Map<string, string>();

  async reserveLeastLoaded(tenantId: string, candidates: readonly CapacityCandidate[]): Promise<string | undefined> {
    const keys = candidates.map((c) => this.key(tenantId, c.agentId));
    const chosen = pickLeastLoaded(
      candidates.map((c) => c.capacity),
      keys.map((k) => this.counters.get(k) ?? 0),
    );
    const key = keys[chosen];
    if (key === undefined) return undefined;
    this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
    return candidates[chosen]?.agentId;
  }

  async reserveRoundRobin(
    tenantId: string,
    teamId: string,
    candidates: readonly CapacityCandidate[],
  ): Promise<string | undefined> {
    const keys = candidates.map((c) => this.key(tenantId, c.agentId));
    const pointer = `${tenantId}:${teamId}`;
    const chosen = pickRoundRobin(
      candidates,
      keys.map((k) => this.counters.get(k) ?? 0),
      this.lastPicks.get(pointer),
    );
    const key = keys[chosen];
    const agentId = candidates[chosen]?.agentId;
    if (key === undefined || agentId === undefined) return undefined;
    this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
    this.lastPicks.set(pointer, agentId);
    return agentId;
  }

  async release(reservations: readonly Reservation[]): Promise<void> {
    for (const r of reservations) {
      const key = this.key(r.tenantId, r.agentId);
      this.counters.set(key, Math.max(0, (this.counters.get(key) ?? 0) - 1));
    }
  }

  async loads(tenantId: string, agentIds: readonly string[]): Promise<Map<string, number>> {
    return new Map(agentIds.map((id) => [id, this.counters.get(this.key(tenantId, id)) ?? 0]));
  }

  async seedMissing(tenantId: string, loads: ReadonlyMap<string, number>): Promise<void> {
    for (const [agentId, load] of loads) {
      const key = this.key(tenantId, agentId);
      if (!this.counters.has(key)) this.counters.set(key, load);
    }
  }

  async close(): Promise<void> {}

  private key(tenantId: string, agentId: string): string {
    return `${tenantId}:${agentId}`;
  }
}
