import { Redis } from 'ioredis';
import {
  CountersNotSeededError,
  type CapacityCandidate,
  type CapacityStore,
  type Reservation,
} from '../capacity-store';

/**
 * Room of candidate i, as effectiveCapacity computes it: ARGV[1] is the number of candidates n,
 * ARGV[2] is 1 when a channel is reserved too. KEYS: the n total counters, then (with a channel) the
 * n channel counters, and last the tenant's "seeded" marker (a restarted Redis lacks it: -1).
 * ARGV[3..]: the n capacities, then (with a channel) the n channel capacities.
 */
const ROOM = `
if redis.call('EXISTS', KEYS[#KEYS]) == 0 then return -1 end
local n = tonumber(ARGV[1])
local withChannel = ARGV[2] == '1'
local function room(i)
  local load = tonumber(redis.call('GET', KEYS[i]) or '0')
  local spare = tonumber(ARGV[2 + i]) - load
  if withChannel then
    local channelSpare = tonumber(ARGV[2 + n + i]) - tonumber(redis.call('GET', KEYS[n + i]) or '0')
    if channelSpare < spare then spare = channelSpare end
  end
  return spare, load
end
local function take(i)
  redis.call('INCR', KEYS[i])
  if withChannel then redis.call('INCR', KEYS[n + i]) end
end
`;

/** pickLeastLoaded inside Redis, so read-choose-increment is one atomic step across every routing instance. */
const RESERVE_LEAST_LOADED = `${ROOM}
local best, bestSpare, bestLoad = 0, 0, 0
for i = 1, n do
  local spare, load = room(i)
  if spare > 0 and (best == 0 or spare > bestSpare or (spare == bestSpare and load < bestLoad)) then
    best, bestSpare, bestLoad = i, spare, load
  end
end
if best == 0 then return 0 end
take(best)
return best`;

/** pickRoundRobin inside Redis. The team's last-pick key follows the counters in KEYS; the agent ids follow the capacities in ARGV. */
const RESERVE_ROUND_ROBIN = `${ROOM}
local counters = withChannel and 2 * n or n
local ids = 2 + counters
local last = redis.call('GET', KEYS[counters + 1])
local start = 0
for i = 1, n do
  if ARGV[ids + i] == last then start = i end
end
for step = 0, n - 1 do
  local i = ((start + step) % n) + 1
  if room(i) > 0 then
    take(i)
    redis.call('SET', KEYS[counters + 1], ARGV[ids + i])
    return i
  end
end
return 0`;

/** KEYS: the tenant's seeded marker, then the counters to increment (none when the marker is gone). */
const ADD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 2, #KEYS do redis.call('INCR', KEYS[i]) end
return #KEYS - 1`;

const RELEASE = `
local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if v > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;

interface CapacityCommands {
  reserveLeastLoaded(numKeys: number, ...args: (string | number)[]): Promise<number>;
  reserveRoundRobin(numKeys: number, ...args: (string | number)[]): Promise<number>;
  releaseOne(key: string): Promise<number>;
  addSeats(numKeys: number, ...keys: string[]): Promise<number>;
}

export class RedisCapacityStore implements CapacityStore {
  private readonly redis: Redis & CapacityCommands;

  constructor(
    url: string,
    private readonly keyPrefix: string,
  ) {
    const redis = new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 3, lazyConnect: false });
    redis.defineCommand('reserveLeastLoaded', { lua: RESERVE_LEAST_LOADED });
    redis.defineCommand('reserveRoundRobin', { lua: RESERVE_ROUND_ROBIN });
    redis.defineCommand('releaseOne', { numberOfKeys: 1, lua: RELEASE });
    redis.defineCommand('addSeats', { lua: ADD });
    this.redis = redis as Redis & CapacityCommands;
  }

  async reserveLeastLoaded(
    tenantId: string,
    candidates: readonly CapacityCandidate[],
    channel?: string,
  ): Promise<string | undefined> {
    if (candidates.length === 0) return undefined;
    const { keys, args } = this.roomArguments(tenantId, candidates, channel);
    keys.push(this.seededKey(tenantId));
    return this.chosen(tenantId, candidates, await this.redis.reserveLeastLoaded(keys.length, ...keys, ...args));
  }

  async reserveRoundRobin(
    tenantId: string,
    teamId: string,
    candidates: readonly CapacityCandidate[],
    channel?: string,
  ): Promise<string | undefined> {
    if (candidates.length === 0) return undefined;
    const { keys, args } = this.roomArguments(tenantId, candidates, channel);
    keys.push(`${this.keyPrefix}:{${tenantId}}:rr:${teamId}`, this.seededKey(tenantId));
    args.push(...candidates.map((c) => c.agentId));
    return this.chosen(tenantId, candidates, await this.redis.reserveRoundRobin(keys.length, ...keys, ...args));
  }

  async release(reservations: readonly Reservation[]): Promise<void> {
    await Promise.all(
      reservations.flatMap((r) => [
        this.redis.releaseOne(this.key(r.tenantId, r.agentId)),
        ...(r.channel ? [this.redis.releaseOne(this.key(r.tenantId, r.agentId, r.channel))] : []),
      ]),
    );
  }

  async add(reservations: readonly Reservation[]): Promise<void> {
    await Promise.all(
      reservations.map((r) => {
        const keys = [
          this.seededKey(r.tenantId),
          this.key(r.tenantId, r.agentId),
          ...(r.channel ? [this.key(r.tenantId, r.agentId, r.channel)] : []),
        ];
        return this.redis.addSeats(keys.length, ...keys);
      }),
    );
  }

  async loads(tenantId: string, agentIds: readonly string[], channel?: string): Promise<Map<string, number>> {
    if (agentIds.length === 0) return new Map();
    const values = await this.redis.mget(agentIds.map((id) => this.key(tenantId, id, channel)));
    return new Map(agentIds.map((id, i) => [id, Number(values[i] ?? 0)]));
  }

  async seedMissing(
    tenantId: string,
    loads: ReadonlyMap<string, number>,
    channelLoads: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(),
  ): Promise<void> {
    const seeds: [string, number][] = [...loads].map(([agentId, load]) => [this.key(tenantId, agentId), load]);
    for (const [agentId, byChannel] of channelLoads) {
      for (const [channel, load] of byChannel) seeds.push([this.key(tenantId, agentId, channel), load]);
    }
    // One connection, pipelined in order: the marker lands after the counters it vouches for.
    await Promise.all([
      ...seeds.map(([key, load]) => this.redis.set(key, String(load), 'NX')),
      this.redis.set(this.seededKey(tenantId), '1'),
    ]);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  private chosen(tenantId: string, candidates: readonly CapacityCandidate[], index: number): string | undefined {
    if (index === -1) throw new CountersNotSeededError(tenantId);
    return index > 0 ? candidates[index - 1]?.agentId : undefined;
  }

  private seededKey(tenantId: string): string {
    return `${this.keyPrefix}:{${tenantId}}:seeded`;
  }

  /** KEYS and ARGV of the ROOM part of the scripts. */
  private roomArguments(tenantId: string, candidates: readonly CapacityCandidate[], channel: string | undefined) {
    const keys = candidates.map((c) => this.key(tenantId, c.agentId));
    const args: (string | number)[] = [
      candidates.length,
      channel === undefined ? 0 : 1,
      ...candidates.map((c) => c.capacity),
    ];
    if (channel !== undefined) {
      keys.push(...candidates.map((c) => this.key(tenantId, c.agentId, channel)));
      args.push(...candidates.map((c) => c.channelCapacity ?? c.capacity));
    }
    return { keys, args };
  }

  /** The hash tag keeps one tenant's counters in one cluster slot, as the Lua script needs. */
  private key(tenantId: string, agentId: string, channel?: string): string {
    const total = `${this.keyPrefix}:{${tenantId}}:load:${agentId}`;
    return channel === undefined ? total : `${total}:${channel}`;
  }
}
