import { createHmac, timingSafeEqual } from 'node:crypto';

/** HTTP headers of a signed request, both directions (integrator → us, us → integrator). */
export const SignatureHeaders = {
  timestamp: 'x-switchboard-timestamp',
  signature: 'x-switchboard-signature',
  deliveryId: 'x-switchboard-delivery-id',
} as const;

/** Five minutes either side: a captured request replayed later than that is refused. */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

const SCHEME = 'v1=';

/**
 * `v1=<hex HMAC-SHA256(secret, "<unix seconds>.<raw body>")>`, as Stripe and Slack sign theirs. The
 * timestamp is inside the MAC, so moving a captured body to a fresh timestamp breaks the signature.
 */
export function signPayload(secret: string, timestampSeconds: number, body: Uint8Array | string): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestampSeconds}.`);
  mac.update(body);
  return `${SCHEME}${mac.digest('hex')}`;
}

/**
 * A key for one purpose derived from a shared secret (HMAC-SHA256(secret, purpose)), so a secret that
 * also signs other things (customer links) never signs two kinds of message with the same key.
 */
export function purposeKey(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(purpose).digest('hex');
}

/** The headers of a request we send: timestamp and signature with the given (newest) secret. */
export function signedHeaders(secret: string, body: Uint8Array | string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [SignatureHeaders.timestamp]: String(timestamp),
    [SignatureHeaders.signature]: signPayload(secret, timestamp, body),
  };
}

export type SignatureCheck =
  | { readonly ok: true; readonly secretIndex: number }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export interface VerifySignatureInput {
  /** Every secret currently accepted: during a rotation, the new one and the old one until its overlap ends. */
  readonly secrets: readonly string[];
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly body: Uint8Array | string;
  readonly now: Date;
  readonly windowSeconds?: number;
}

const sameBytes = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Checks a signed request. The header may carry several comma-separated `v1=` values (a sender in the
 * middle of a rotation signs with both secrets); one match with any accepted secret is enough.
 */
export function verifySignature(input: VerifySignatureInput): SignatureCheck {
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: 'malformed' };
  const timestamp = Number(input.timestamp);
  const window = input.windowSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS;
  if (Math.abs(input.now.getTime() / 1000 - timestamp) > window) return { ok: false, reason: 'stale' };
  const offered = input.signature.split(',').map((s) => s.trim());
  if (!offered.every((s) => /^v1=[0-9a-f]{64}$/.test(s))) return { ok: false, reason: 'malformed' };
  for (const [index, secret] of input.secrets.entries()) {
    const expected = signPayload(secret, timestamp, input.body);
    if (offered.some((candidate) => sameBytes(candidate, expected))) return { ok: true, secretIndex: index };
  }
  return { ok: false, reason: 'mismatch' };
}
