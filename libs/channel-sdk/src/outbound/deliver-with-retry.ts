import type { OutboundMessage } from '@switchboard/contracts';
import { classifyFailure } from '@switchboard/messaging';
import type { ChannelAdapter, DeliveryOutcome } from '../adapter/channel-adapter';
import { PermanentDeliveryError, ProviderDeliveryError } from '../adapter/channel-sdk.exception';

export interface DeliveryRetryPolicy {
  /** Attempts before the message is dead-lettered (default 5). */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export const DEFAULT_DELIVERY_RETRY: DeliveryRetryPolicy = {
  maxAttempts: 5,
  initialBackoffMs: 500,
  maxBackoffMs: 30_000,
};

export type DeliveryResult =
  | { readonly ok: true; readonly outcome: DeliveryOutcome; readonly attempts: number }
  | { readonly ok: false; readonly error: Error; readonly attempts: number };

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** Exponential backoff with full jitter (AWS's advice): retries of many messages do not arrive in step. */
export function backoffMs(policy: DeliveryRetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Delivers one message, retrying in place: the partition waits, so a conversation's answers keep their
 * order. A PermanentDeliveryError ends it at once; the last failure is returned, never swallowed.
 * A transient failure of our own side (classifyFailure) is thrown instead, for the transport to retry.
 */
export async function deliverWithRetry(
  adapter: ChannelAdapter,
  message: OutboundMessage,
  policy: DeliveryRetryPolicy,
  onRetry: (error: Error, attempt: number) => void,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<DeliveryResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await adapter.deliver(message, { attempt, maxAttempts: policy.maxAttempts });
      return { ok: true, outcome, attempts: attempt };
    } catch (caught) {
      const error = asError(caught);
      // Our own dependency is down (the bus, our database): not the provider's fault. Rethrown, so the
      // transport retries the batch in place, uncommitted, until it is back; never dead-lettered. A
      // ProviderDeliveryError says the provider failed, whatever its message names.
      if (!(error instanceof ProviderDeliveryError) && classifyFailure(error) === 'transient') throw error;
      if (error instanceof PermanentDeliveryError || attempt >= policy.maxAttempts)
        return { ok: false, error, attempts: attempt };
      onRetry(error, attempt);
      await sleep(backoffMs(policy, attempt));
    }
  }
}
