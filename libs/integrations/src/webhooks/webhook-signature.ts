import { randomBytes } from 'node:crypto';
import { signPayload, verifySignature } from '@switchboard/http';

/** The HTTP headers of an outbound webhook (not Kafka headers, so not in libs/contracts). */
export const WebhookHeaders = {
  signature: 'switchboard-signature',
  event: 'switchboard-event',
  delivery: 'switchboard-delivery',
} as const;

/** A new signing secret, shown to the admin once when the subscription is made. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * The HMAC is @switchboard/http's one scheme (the API channel signs the same way); only the header
 * layout differs, Stripe-style, as documented in docs/integrations.md.
 *
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp is signed with the body, so a
 * receiver that refuses old timestamps cannot be fed a captured request again.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},${signPayload(secret, timestamp, body)}`;
}

/**
 * What a receiver does (our tests do it too): recompute the HMAC over the timestamp and the raw body,
 * compare in constant time, and refuse timestamps further than `toleranceSeconds` from its clock.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const check = verifySignature({
    timestamp: parts.get('t'),
    signature: `v1=${parts.get('v1') ?? ''}`,
    secrets: [secret],
    body,
    now: new Date(nowSeconds * 1000),
    windowSeconds: toleranceSeconds,
  });
  return check.ok;
}
