import { Redis } from 'ioredis';
import { type CapacityCandidate, type CapacityStore, type Reservation } from '../capacity-store';

/**
 * Same choice as pickLeastLoaded, done inside Redis so that read-choose-increment is one atomic step
 * across every routing instance. KEYS are the candidates' load counters, ARGV their capacities.
 */
const RESERVE_LEAST_LOADED = `
local best, bestSpare, bestLoad = 0, 0, 0
for i, key in ipairs(KEYS) do
  local load = tonumber(redis.call('GET', key) or '0')
  local spare = tonumber(ARGV[i]) - load
  if spare > 0 and (best == 0 or spare > bestSpare or (spare == bestSpare and load < bestLoad)) then
    best, bestSpare, bestLoad = i, spare, load
  end
end
if best == 0 then return 0 end
redis.call('INCR', KEYS[best])
return best`;

/** pickRoundRobin inside Redis. KEYS: the load counters, then the team's last-pick key; ARGV: capacities, then agent ids. */
const RESERVE_ROUND_ROBIN = `
local n = #KEYS - 1
local last = redis.call('GET', KEYS[n + 1])
local start = 0
for i = 1, n do
  if ARGV[n + i] == last then start = i end
end
for step = 0, n - 1 do
  local i = ((start + step) % n) + 1
  local load = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tonumber(ARGV[i]) - load > 0 then
    redis.call('INCR', KEYS[i])
    redis.call('SET', KEYS[n + 1], ARGV[n + i])
    return i
  end
end
return 0`;

const RELEASE = `
local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if v > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;

interface CapacityCommands {
  reserveLeastLoaded(numKeys: number, ...args: (string | number)[]): Promise<number>;
  reserveRoundRobin(numKeys: number, ...args: (string | number)[]): Promise<number>;
  releaseOne(key: string): Promise<number>;
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
    this.redis = redis as Redis & CapacityCommands;
  }

  async reserveLeastLoaded(tenantId: string, candidates: readonly CapacityCandidate[]): Promise<string | undefined> {
    if (candidates.length === 0) return undefined;
    const keys = candidates.map((c) => this.key(tenantId, c.agentId));
    const index = await this.redis.reserveLeastLoaded(keys.length, ...keys, ...candidates.map((c) => c.capacity));
    return index > 0 ? candidates[index - 1]?.agentId : undefined;
  }

  async reserveRoundRobin(
    tenantId: string,
    teamId: string,
    candidates: readonly CapacityCandidate[],
  ): Promise<string | undefined> {
    if (candidates.length === 0) return undefined;
    const keys = [
      ...candidates.map((c) => this.key(tenantId, c.agentId)),
      `${this.keyPrefix}:{${tenantId}}:rr:${teamId}`,
    ];
    const args = [...candidates.map((c) => c.capacity), ...candidates.map((c) => c.agentId)];
    const index = await this.redis.reserveRoundRobin(keys.length, ...keys, ...args);
    return index > 0 ? candidates[index - 1]?.agentId : undefined;
  }

  async release(reservations: readonly Reservation[]): Promise<void> {
    await Promise.all(reservations.map((r) => this.redis.releaseOne(this.key(r.tenantId, r.agentId))));
  }

  async loads(tenantId: string, agentIds: readonly string[]): Promise<Map<string, number>> {
    if (agentIds.length === 0) return new Map();
    const values = await this.redis.mget(agentIds.map((id) => this.key(tenantId, id)));
    return new Map(agentIds.map((id, i) => [id, Number(values[i] ?? 0)]));
  }

  async seedMissing(tenantId: string, loads: ReadonlyMap<string, number>): Promise<void> {
    await Promise.all(
      [...loads].map(([agentId, load]) => this.redis.set(this.key(tenantId, agentId), String(load), 'NX')),
    );
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  /** The hash tag keeps one tenant's counters in one cluster slot, as the Lua script needs. */
  private key(tenantId: string, agentId: string): string {
    return `${this.keyPrefix}:{${tenantId}}:load:${agentId}`;
  }
}
