import { blobDirOf } from '@switchboard/blobs';
import { outboundDestinationEnvShape, type OutboundDestinationPolicy } from '@switchboard/http';
import { z } from 'zod';

const envSchema = z.object({
  WEBHOOK_POLL_MS: z.coerce.number().int().positive().default(1_000),
  WEBHOOK_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(50),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(50),
  /** The blob store's root, shared with the email channel (which writes the attachments). */
  ...outboundDestinationEnvShape,
});

export interface IntegrationsConfig {
  readonly webhooks: {
    readonly pollMs: number;
    readonly batchSize: number;
    readonly timeoutMs: number;
    readonly disableAfterFailures: number;
    /** OUTBOUND_ALLOW_PRIVATE_NETWORKS: whether subscriptions may point at private addresses. */
    readonly destinations: OutboundDestinationPolicy;
  };
  readonly blobDir: string;
}

export class IntegrationsConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid integrations configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'IntegrationsConfigError';
  }
}

/** Read once when the module is built; every problem is listed. */
export function loadIntegrationsConfig(source: Readonly<Record<string, string | undefined>>): IntegrationsConfig {
  const env = envSchema.safeParse(source);
  if (!env.success) {
    throw new IntegrationsConfigError(env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = env.data;
  return {
    webhooks: {
      pollMs: e.WEBHOOK_POLL_MS,
      batchSize: e.WEBHOOK_BATCH_SIZE,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
      destinations: e.OUTBOUND_ALLOW_PRIVATE_NETWORKS,
    },
    // One reading of the shared store's root for every process (an empty value means the default).
    blobDir: blobDirOf(source),
  };
}
