import {
  CountersNotSeededError,
  effectiveCapacity,
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
  private readonly seeded = new Set<string>();

  async reserveLeastLoaded(
    tenantId: string,
    candidates: readonly CapacityCandidate[],
    channel?: string,
  ): Promise<string | undefined> {
    this.assertSeeded(tenantId, candidates);
    const loads = candidates.map((c) => this.count(this.key(tenantId, c.agentId)));
    const chosen = pickLeastLoaded(this.effectiveCapacities(tenantId, candidates, loads, channel), loads);
    return this.take(tenantId, candidates[chosen], channel);
  }

  async reserveRoundRobin(
    tenantId: string,
    teamId: string,
    candidates: readonly CapacityCandidate[],
    channel?: string,
  ): Promise<string | undefined> {
    this.assertSeeded(tenantId, candidates);
    const loads = candidates.map((c) => this.count(this.key(tenantId, c.agentId)));
    const capacities = this.effectiveCapacities(tenantId, candidates, loads, channel);
    const pointer = `${tenantId}:${teamId}`;
    const chosen = pickRoundRobin(
      candidates.map((c, i) => ({ agentId: c.agentId, capacity: capacities[i] ?? 0 })),
      loads,
      this.lastPicks.get(pointer),
    );
    const agentId = this.take(tenantId, candidates[chosen], channel);
    if (agentId) this.lastPicks.set(pointer, agentId);
    return agentId;
  }

  async release(reservations: readonly Reservation[]): Promise<void> {
    for (const r of reservations) {
      this.decrement(this.key(r.tenantId, r.agentId));
      if (r.channel) this.decrement(this.key(r.tenantId, r.agentId, r.channel));
    }
  }

  async add(reservations: readonly Reservation[]): Promise<void> {
    for (const r of reservations) {
      if (!this.seeded.has(r.tenantId)) continue;
      this.increment(this.key(r.tenantId, r.agentId));
      if (r.channel) this.increment(this.key(r.tenantId, r.agentId, r.channel));
    }
  }

  async loads(tenantId: string, agentIds: readonly string[], channel?: string): Promise<Map<string, number>> {
    return new Map(agentIds.map((id) => [id, this.count(this.key(tenantId, id, channel))]));
  }

  async seedMissing(
    tenantId: string,
    loads: ReadonlyMap<string, number>,
    channelLoads: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(),
  ): Promise<void> {
    for (const [agentId, load] of loads) this.setMissing(this.key(tenantId, agentId), load);
    for (const [agentId, byChannel] of channelLoads) {
      for (const [channel, load] of byChannel) this.setMissing(this.key(tenantId, agentId, channel), load);
    }
    this.seeded.add(tenantId);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private effectiveCapacities(
    tenantId: string,
    candidates: readonly CapacityCandidate[],
    loads: readonly number[],
    channel: string | undefined,
  ): number[] {
    return candidates.map((c, i) =>
      effectiveCapacity(
        c,
        loads[i] ?? 0,
        channel === undefined ? undefined : this.count(this.key(tenantId, c.agentId, channel)),
      ),
    );
  }

  private take(tenantId: string, candidate: CapacityCandidate | undefined, channel: string | undefined) {
    if (!candidate) return undefined;
    this.increment(this.key(tenantId, candidate.agentId));
    if (channel !== undefined) this.increment(this.key(tenantId, candidate.agentId, channel));
    return candidate.agentId;
  }

  private assertSeeded(tenantId: string, candidates: readonly CapacityCandidate[]): void {
    if (candidates.length > 0 && !this.seeded.has(tenantId)) throw new CountersNotSeededError(tenantId);
  }

  private count(key: string): number {
    return this.counters.get(key) ?? 0;
  }

  private increment(key: string): void {
    this.counters.set(key, this.count(key) + 1);
  }

  private decrement(key: string): void {
    this.counters.set(key, Math.max(0, this.count(key) - 1));
  }

  private setMissing(key: string, value: number): void {
    if (!this.counters.has(key)) this.counters.set(key, value);
  }

  private key(tenantId: string, agentId: string, channel?: string): string {
    return channel === undefined ? `${tenantId}:${agentId}` : `${tenantId}:${agentId}:${channel}`;
  }
}
