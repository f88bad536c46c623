import type { CapacityStore } from '@switchboard/coordination';
import type { Transport } from '@switchboard/messaging';

/**
 * One dependency `/health/ready` checks: `check` resolves while it is usable and rejects (or hangs,
 * which the registry's timeout turns into a failure) when it is not. Registered by whoever owns the
 * dependency, so this lib needs none of them.
 */
export interface ReadinessProbe {
  readonly name: string;
  check(): Promise<unknown>;
}

/** Something that answers SQL, such as persistence's Database (not imported: scope:shared). */
export interface QueryableDatabase {
  query(sql: string): Promise<unknown>;
}

/** Postgres (or embedded PGlite) answers a trivial statement. */
export function databaseProbe(db: QueryableDatabase, name = 'database'): ReadinessProbe {
  return { name, check: () => db.query('SELECT 1') };
}

/** The broker answers (Kafka metadata; the in-process transport always does). */
export function transportProbe(transport: Pick<Transport, 'health'>, name = 'messaging'): ReadinessProbe {
  return { name, check: () => transport.health() };
}

/** The capacity store answers (Redis PING; the in-memory store always does). */
export function capacityStoreProbe(store: Pick<CapacityStore, 'ping'>, name = 'coordination'): ReadinessProbe {
  return { name, check: () => store.ping() };
}
