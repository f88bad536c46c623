import { Redis } from 'ioredis';

/**
 * The bare Redis work one routing decision needs: one Lua call over the team's 10 counter keys (with
 * their capacities as ARGV, as the real script gets them) that only GETs each key and INCRs one.
 */
const GET_ALL_INCR_ONE = `
for _, key in ipairs(KEYS) do redis.call('GET', key) end
return redis.call('INCR', KEYS[1])`;

interface BaselineCommands {
  getAllIncrOne(numKeys: number, ...args: (string | number)[]): Promise<number>;
}

/** One call per item, and a call is what a ticket's decision costs in round-trip terms. */
export interface LuaCall {
  readonly keys: readonly string[];
  readonly args: readonly number[];
}

/** Its own auto-pipelining client, so calls issued together go out in one write, as in the store. */
export class RedisBaseline {
  private readonly redis: Redis & BaselineCommands;

  constructor(url: string) {
    const redis = new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 3 });
    redis.defineCommand('getAllIncrOne', { lua: GET_ALL_INCR_ONE });
    this.redis = redis as Redis & BaselineCommands;
  }

  async lua(calls: readonly LuaCall[]): Promise<void> {
    await Promise.all(calls.map((c) => this.redis.getAllIncrOne(c.keys.length, ...c.keys, ...c.args)));
  }

  async ping(count: number): Promise<void> {
    await Promise.all(Array.from({ length: count }, () => this.redis.ping()));
  }

  /** Deletes every key under `prefix` (SCAN, not KEYS, so a shared Redis is not blocked). */
  async deletePrefix(prefix: string): Promise<number> {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await this.redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
