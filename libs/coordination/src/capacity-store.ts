/**
 * An agent that may take the ticket: online, in the team, with `capacity` open tickets in all and,
 * when the reservation names a channel, `channelCapacity` of that channel (voice 1, email 20, ...).
 */
export interface CapacityCandidate {
  readonly agentId: string;
  readonly capacity: number;
  readonly channelCapacity?: number;
}

/** Which counters a reservation holds: the agent's total, and the channel's when it names one. */
export interface Reservation {
  readonly tenantId: string;
  readonly agentId: string;
  readonly channel?: string;
}

/**
 * A reservation was asked of a tenant whose counters this store does not hold: never seeded, or
 * lost (Redis keeps nothing on disk, so a restart empties it). Reseed from Postgres, then retry;
 * reserving against empty counters would over-fill every agent.
 */
export class CountersNotSeededError extends Error {
  constructor(readonly tenantId: string) {
    super(`capacity counters of tenant ${tenantId} are not seeded (coordination store new or restarted)`);
    this.name = 'CountersNotSeededError';
  }
}

/**
 * Open-ticket counters per agent, shared by every routing instance. A tenant's reservations need
 * its counters seeded first (seedMissing); otherwise they throw CountersNotSeededError. `reserveLeastLoaded` is atomic:
 * it reads the candidates' loads, picks the one with the most spare capacity (ties: lower load, then
 * candidate order) and increments its counter in one step, so two instances never over-fill an agent.
 */
export interface CapacityStore {
  /** With a channel, an agent has room only when both the total and that channel's counter have. */
  reserveLeastLoaded(
    tenantId: string,
    candidates: readonly CapacityCandidate[],
    channel?: string,
  ): Promise<string | undefined>;
  /**
   * Round robin within a team: the first candidate after the team's last pick (in candidate order,
   * wrapping) that has spare capacity, reserved atomically; the pick is remembered per team.
   */
  reserveRoundRobin(
    tenantId: string,
    teamId: string,
    candidates: readonly CapacityCandidate[],
    channel?: string,
  ): Promise<string | undefined>;
  release(reservations: readonly Reservation[]): Promise<void>;
  /**
   * Counts tickets a person assigned (manual assign, transfer, reopen), whatever the capacity: a
   * manager may fill an agent beyond it. Call after the commit. Counters not seeded are left alone:
   * the reseed reads Postgres, which already holds the assignment.
   */
  add(reservations: readonly Reservation[]): Promise<void>;
  /** Open tickets per agent: in all, or of one channel. */
  loads(tenantId: string, agentIds: readonly string[], channel?: string): Promise<Map<string, number>>;
  /**
   * Sets the counters that do not exist (a coordination store that restarted empty) from Postgres'
   * truth. Existing counters are left alone: they include reservations other instances made and
   * have not committed yet, which Postgres cannot know.
   */
  seedMissing(
    tenantId: string,
    loads: ReadonlyMap<string, number>,
    channelLoads?: ReadonlyMap<string, ReadonlyMap<string, number>>,
  ): Promise<void>;
  /** Resolves when the store answers (Redis PING); the readiness check of the services that use it. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the pick functions compare: the room a candidate has is the smaller of its total's and its
 * channel's, expressed as an effective capacity over the total load.
 */
export function effectiveCapacity(candidate: CapacityCandidate, load: number, channelLoad: number | undefined): number {
  if (channelLoad === undefined) return candidate.capacity;
  const channelSpare = (candidate.channelCapacity ?? candidate.capacity) - channelLoad;
  return load + Math.min(candidate.capacity - load, channelSpare);
}

/** The least-loaded choice, shared by both stores so they cannot disagree. Returns an index or -1. */
export function pickLeastLoaded(capacities: readonly number[], loads: readonly number[]): number {
  let best = -1;
  let bestSpare = 0;
  let bestLoad = 0;
  capacities.forEach((capacity, i) => {
    const load = loads[i] ?? 0;
    const spare = capacity - load;
    if (spare > 0 && (best === -1 || spare > bestSpare || (spare === bestSpare && load < bestLoad))) {
      best = i;
      bestSpare = spare;
      bestLoad = load;
    }
  });
  return best;
}

/** The round-robin choice, shared by both stores: the first index after `lastAgentId` with room, or -1. */
export function pickRoundRobin(
  candidates: readonly CapacityCandidate[],
  loads: readonly number[],
  lastAgentId: string | undefined,
): number {
  const start = candidates.findIndex((c) => c.agentId === lastAgentId) + 1;
  for (let step = 0; step < candidates.length; step++) {
    const i = (start + step) % candidates.length;
    const candidate = candidates[i];
    if (candidate && candidate.capacity - (loads[i] ?? 0) > 0) return i;
  }
  return -1;
}
