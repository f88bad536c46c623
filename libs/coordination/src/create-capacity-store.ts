import type { Config } from '@switchboard/config';
import type { CapacityStore } from './capacity-store';
import { InMemoryCapacityStore } from './in-memory/in-memory-capacity-store';
import { RedisCapacityStore } from './redis/redis-capacity-store';

/** The one place that picks the coordination store: Redis in the distributed mode, memory when embedded. */
export function createCapacityStore(config: Config): CapacityStore {
  return config.redis ? new RedisCapacityStore(config.redis.url, config.redis.keyPrefix) : new InMemoryCapacityStore();
}
