import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65_535);

/** Every setting Switchboard reads from the environment, validated once at start-up. */
export const envSchema = z.object({
  SWITCHBOARD_MODE: z.enum(['embedded', 'distributed']).default('embedded'),
  DATA_DIR: z.string().min(1).default('./data'),
  // postgres://… for a server; pglite:///abs/dir for embedded PGlite in that folder (default: DATA_DIR).
  DATABASE_URL: z
    .union([z.url({ protocol: /^postgres(ql)?$/ }), z.string().regex(/^pglite:\/\/\/./, 'pglite:///<absolute folder>')])
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // false where a separate step (APP=init, the k8s migration Job) migrates before the services start.
  RUN_MIGRATIONS: flag.default(true),
  // What APP=init does (the k8s migration Job and topic Job each run one).
  INIT_STEPS: z
    .string()
    .regex(/^(migrations|topics)(,(migrations|topics))*$/, 'migrations, topics or both, comma-separated')
    .default('migrations,topics'),
  KAFKA_BROKERS: z.string().min(1).optional(),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/)
    .default(''),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(256).default(6),
  // Partitions of single topics where they differ from KAFKA_PARTITIONS: "inbound.messages.v1=24,ticket.events.v1=12".
  KAFKA_TOPIC_PARTITIONS: z
    .string()
    .regex(/^\s*([a-zA-Z0-9._-]+=\d{1,3}\s*(,\s*[a-zA-Z0-9._-]+=\d{1,3}\s*)*)?$/, 'topic=count pairs, comma-separated')
    .default(''),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9:_-]+$/)
    .default('sb'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  AGENT_API_PORT: port.default(3001),
  // Behind a reverse proxy only: "true" (trust every hop), a hop count, or comma-separated addresses/CIDRs.
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/,
      'true, false, a hop count or addresses/CIDRs',
    )
    .optional(),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  SUBMISSION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Signs customers' lookup links, portal sessions and CSAT links; JWT_SECRET when unset.
  PORTAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Where customers reach the web channel (links in mails); http://HOST:PORT when unset.
  PUBLIC_WEB_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Where the web channel reaches the customer API (agent-api); this process's own address when unset.
  PORTAL_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Lookup attempts (code requests and checks) per 15 minutes per ticket number and per contact; per address ×3.
  PORTAL_LOOKUP_ATTEMPTS: z.coerce.number().int().min(1).max(1_000_000).default(10),
  SELF_SERVICE_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
  // SLA timers: how often due timers are claimed when none were due, and how many per transaction.
  SLA_TIMER_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  SLA_TIMER_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  SEED_DEMO: flag.optional(),
  WEB_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(50 * 1_048_576)
    .default(256 * 1_024),
  WEB_DEFAULT_TENANT: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .default('demo'),
  WEB_RECEIPT_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  PRESENCE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(90_000),
  ROUTING_QUEUE_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(3),
  INGEST_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
  INSTANCE_ID: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/)
    .optional(),
});

/** Settings the distributed mode cannot run without; checked together with the schema. */
export const requiredWhenDistributed = ['DATABASE_URL', 'KAFKA_BROKERS', 'REDIS_URL', 'JWT_SECRET'] as const;

export type Env = z.infer<typeof envSchema>;
