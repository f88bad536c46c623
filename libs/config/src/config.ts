import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { envSchema, requiredWhenDistributed } from './config.schema';

export interface Config {
  readonly mode: 'embedded' | 'distributed';
  readonly instanceId: string;
  readonly dataDir: string;
  /** url: a Postgres server; without one, embedded PGlite on disk in embeddedDir. */
  readonly database: {
    readonly url?: string;
    readonly poolSize: number;
    readonly embeddedDir: string;
    /** Whether opening the database applies pending migrations (APP=init does it once when false). */
    readonly runMigrations: boolean;
  };
  readonly kafka?: {
    readonly brokers: string[];
    readonly topicPrefix: string;
    readonly partitions: number;
    /** Per-topic partition counts (logical names) where they differ from `partitions`. */
    readonly topicPartitions: Readonly<Record<string, number>>;
  };
  readonly redis?: { readonly url: string; readonly keyPrefix: string };
  readonly coordinationKeyPrefix: string;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly agentApiPort: number;
    /** Fastify's trustProxy: off unless configured (X-Forwarded-* from anyone else is a lie). */
    readonly trustProxy: boolean | number | string[];
    /** Requests per minute per client address (and login email) before a 429 with Retry-After. */
    readonly rateLimits: { readonly loginPerMinute: number; readonly submissionsPerMinute: number };
  };
  readonly jwtSecret?: string;
  /** Customer self-service: link/session signing, public address, the customer API, limits, sweeps. */
  readonly portal: {
    readonly secret?: string;
    readonly publicUrl: string;
    readonly apiUrl: string;
    readonly lookupAttempts: number;
    readonly pollMs: number;
  };
  readonly seedDemo: boolean;
  /** The steps of APP=init. */
  readonly init: { readonly migrations: boolean; readonly topics: boolean };
  readonly web: { readonly maxBodyBytes: number; readonly receiptTimeoutMs: number; readonly defaultTenant: string };
  readonly ingest: { readonly batchSize: number; readonly concurrency: number };
  readonly routing: { readonly queuePollMs: number; readonly presenceTimeoutMs: number };
  readonly sla: { readonly timerPollMs: number; readonly timerBatch: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function trustProxyOf(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((address) => address.trim());
}

/** "a=12, b=6" → { a: 12, b: 6 } (the schema has checked the shape). */
function topicPartitionsOf(value: string): Record<string, number> {
  const pairs = value
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => pair.split('=').map((part) => part.trim()));
  return Object.fromEntries(pairs.map(([topic, count]) => [topic ?? '', Number(count)]));
}

/** Where this machine reaches a server bound to `host`: a wildcard bind answers on loopback. */
const localHostOf = (host: string): string => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);

/** Validates the environment once; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
  if (env['SWITCHBOARD_MODE'] === 'distributed') {
    for (const key of requiredWhenDistributed) {
      if (!env[key]) problems.push(`${key}: is required when SWITCHBOARD_MODE=distributed`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const distributed = e.SWITCHBOARD_MODE === 'distributed';
  return {
    mode: e.SWITCHBOARD_MODE,
    instanceId: e.INSTANCE_ID ?? randomUUID().slice(0, 8),
    dataDir: resolve(e.DATA_DIR),
    database: {
      url: e.DATABASE_URL?.startsWith('pglite:') ? undefined : e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      runMigrations: e.RUN_MIGRATIONS,
      embeddedDir: e.DATABASE_URL?.startsWith('pglite:')
        ? resolve(e.DATABASE_URL.slice('pglite://'.length))
        : resolve(e.DATA_DIR),
    },
    kafka:
      distributed && e.KAFKA_BROKERS
        ? {
            brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()),
            topicPrefix: e.KAFKA_TOPIC_PREFIX,
            partitions: e.KAFKA_PARTITIONS,
            topicPartitions: topicPartitionsOf(e.KAFKA_TOPIC_PARTITIONS),
          }
        : undefined,
    redis: distributed && e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    coordinationKeyPrefix: e.REDIS_KEY_PREFIX,
    http: {
      host: e.HOST,
      port: e.PORT,
      agentApiPort: e.AGENT_API_PORT,
      trustProxy: trustProxyOf(e.TRUST_PROXY),
      rateLimits: {
        loginPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
        submissionsPerMinute: e.SUBMISSION_RATE_LIMIT_PER_MINUTE,
      },
    },
    jwtSecret: e.JWT_SECRET,
    portal: {
      secret: e.PORTAL_SECRET,
      publicUrl: (e.PUBLIC_WEB_URL ?? `http://${localHostOf(e.HOST)}:${e.PORT}`).replace(/\/$/, ''),
      apiUrl: (e.PORTAL_API_URL ?? `http://${localHostOf(e.HOST)}:${distributed ? e.AGENT_API_PORT : e.PORT}`).replace(
        /\/$/,
        '',
      ),
      lookupAttempts: e.PORTAL_LOOKUP_ATTEMPTS,
      pollMs: e.SELF_SERVICE_POLL_MS,
    },
    seedDemo: e.SEED_DEMO ?? !distributed,
    init: {
      migrations: e.INIT_STEPS.split(',').includes('migrations'),
      topics: e.INIT_STEPS.split(',').includes('topics'),
    },
    web: {
      maxBodyBytes: e.WEB_MAX_BODY_BYTES,
      receiptTimeoutMs: e.WEB_RECEIPT_TIMEOUT_MS,
      defaultTenant: e.WEB_DEFAULT_TENANT,
    },
    ingest: { batchSize: e.INGEST_BATCH_SIZE, concurrency: e.INGEST_CONCURRENCY },
    routing: { queuePollMs: e.ROUTING_QUEUE_POLL_MS, presenceTimeoutMs: e.PRESENCE_TIMEOUT_MS },
    sla: { timerPollMs: e.SLA_TIMER_POLL_MS, timerBatch: e.SLA_TIMER_BATCH },
  };
}
