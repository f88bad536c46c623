import { outboundDestinationEnvShape, type OutboundDestinationPolicy } from '@switchboard/http';
import { z } from 'zod';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  API_CHANNEL_ENABLED: flag.default(true),
  API_CHANNEL_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  API_CHANNEL_MAX_BODY_BYTES: positive(262_144),
  API_CHANNEL_DELIVERY_ATTEMPTS: positive(8),
  API_CHANNEL_DELIVERY_BACKOFF_MS: positive(1_000),
  API_CHANNEL_DELIVERY_MAX_BACKOFF_MS: positive(300_000),
  API_CHANNEL_DELIVERY_TIMEOUT_MS: positive(10_000),
  API_CHANNEL_SECRET_OVERLAP_SECONDS: positive(86_400),
  ...outboundDestinationEnvShape,
});

export interface ApiChannelConfig {
  /** The standalone app runs the channel unless API_CHANNEL_ENABLED=false. */
  readonly enabled: boolean;
  /** Where integrators reach the webhook: the inbound URL an admin is given starts with it. */
  readonly publicUrl: string;
  readonly maxBodyBytes: number;
  readonly delivery: {
    readonly maxAttempts: number;
    readonly initialBackoffMs: number;
    readonly maxBackoffMs: number;
    readonly timeoutMs: number;
    /** OUTBOUND_ALLOW_PRIVATE_NETWORKS: whether answer URLs may name private addresses. */
    readonly destinations: OutboundDestinationPolicy;
  };
  /** How long the old secret stays valid after a rotation, unless the admin names another overlap. */
  readonly defaultOverlapSeconds: number;
}

export class ApiChannelConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid API channel configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ApiChannelConfigError';
  }
}

/** The API channel's settings from the environment, validated once at start-up (fails with every problem). */
export function loadApiChannelConfig(env: Readonly<Record<string, string | undefined>>): ApiChannelConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new ApiChannelConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  return {
    enabled: e.API_CHANNEL_ENABLED,
    // Unset: this process's own port on localhost (right for `npm start`; set it behind an ingress).
    publicUrl: (e.API_CHANNEL_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    maxBodyBytes: e.API_CHANNEL_MAX_BODY_BYTES,
    delivery: {
      maxAttempts: e.API_CHANNEL_DELIVERY_ATTEMPTS,
      initialBackoffMs: e.API_CHANNEL_DELIVERY_BACKOFF_MS,
      maxBackoffMs: e.API_CHANNEL_DELIVERY_MAX_BACKOFF_MS,
      timeoutMs: e.API_CHANNEL_DELIVERY_TIMEOUT_MS,
      destinations: e.OUTBOUND_ALLOW_PRIVATE_NETWORKS,
    },
    defaultOverlapSeconds: e.API_CHANNEL_SECRET_OVERLAP_SECONDS,
  };
}
