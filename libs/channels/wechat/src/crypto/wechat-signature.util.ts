import { createHash, timingSafeEqual } from 'node:crypto';
import { WechatChannelException, WechatChannelExceptionCode } from '../wechat-channel.exception';

/**
 * WeChat's signature: the parts sorted as strings (plain code-unit order, as the reference SDKs'
 * `sort()`), concatenated, SHA-1, lower-case hex. URL verification signs (token, timestamp, nonce);
 * safe mode's msg_signature adds the Encrypt field.
 */
export function wechatSignature(...parts: readonly string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Constant-time comparison of two hex signatures; a different length is a mismatch, not a throw. */
export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * WeChat retries a callback three times within about 15 s and the clocks of its servers are close to
 * real time, so a timestamp far from ours is a replay: 5 minutes either way by default.
 */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

export function assertFreshTimestamp(
  timestamp: string,
  now: Date,
  windowSeconds: number = DEFAULT_REPLAY_WINDOW_SECONDS,
): void {
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new WechatChannelException(WechatChannelExceptionCode.TimestampStale, 'The timestamp is not a number.');
  }
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (skew > windowSeconds) {
    throw new WechatChannelException(
      WechatChannelExceptionCode.TimestampStale,
      `The timestamp is ${skew} s away from our clock (the window is ${windowSeconds} s).`,
    );
  }
}

export interface SignedQuery {
  readonly signature: string;
  readonly timestamp: string;
  readonly nonce: string;
}

/**
 * Checks a plain-mode signature (the GET URL verification and every POST's `signature` parameter):
 * the timestamp first, so a replayed but well-signed request is refused too.
 */
export function verifyWechatSignature(
  token: string,
  query: SignedQuery,
  now: Date,
  windowSeconds: number = DEFAULT_REPLAY_WINDOW_SECONDS,
): void {
  assertFreshTimestamp(query.timestamp, now, windowSeconds);
  if (!signaturesEqual(wechatSignature(token, query.timestamp, query.nonce), query.signature)) {
    throw new WechatChannelException(WechatChannelExceptionCode.SignatureInvalid, 'The signature does not match.');
  }
}
