import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The HTTP headers of an outbound webhook (not Kafka headers, so not in libs/contracts). */
export const WebhookHeaders = {
  signature: 'switchboard-signature',
  event: 'switchboard-event',
  delivery: 'switchboard-delivery',
} as const;

/** A new signing secret, shown to the admin once when the subscription is made. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const hmac = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The timestamp is signed with the body, so a
 * receiver that refuses old timestamps cannot be fed a captured request again.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
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
  const parts = new Map(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
