import type { Redis } from 'ioredis';

/**
 * The little shared state the channel keeps between its instances: access tokens, sync cursors and
 * short locks. Redis in the distributed mode (every instance sees one token, so a refresh by one does
 * not invalidate the others' copies); in memory in the embedded mode, where there is one instance.
 */
export interface WechatSharedStore {
  get(key: string): Promise<string | undefined>;
  /** `ttlMs` undefined keeps the value until overwritten. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only when absent (a lock): true when this caller got it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes only while the key still holds `value` (releasing one's own lock, dropping one's own token). */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
}

const DELETE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export class RedisWechatSharedStore implements WechatSharedStore {
  constructor(
    private readonly redis: Redis,
    /** Prefixes every key, e.g. "switchboard:" (tests use one per test). */
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.redis.set(this.prefix + key, value);
    else await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    return (await this.redis.eval(DELETE_IF_EQUALS, 1, this.prefix + key, value)) === 1;
  }
}

export class InMemoryWechatSharedStore implements WechatSharedStore {
  private readonly values = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | undefined> {
    const entry = this.values.get(key);
    if (entry && entry.expiresAt <= this.now()) this.values.delete(key);
    return this.values.get(key)?.value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.values.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : this.now() + ttlMs });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if ((await this.get(key)) !== undefined) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    if ((await this.get(key)) !== value) return false;
    return this.values.delete(key);
  }
}
