import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthException, AuthExceptionCode } from './auth.exception';

/**
 * What a signed customer token is for; part of the HMAC key, so a token of one purpose never
 * verifies as another (a lookup link is not a CSAT link, nor a portal session).
 */
export type SignedTokenPurpose = 'portal-link' | 'portal-session' | 'csat-link' | 'oidc-state';

export type SignedTokenData = Readonly<Record<string, string | number>>;

const MIN_SECRET_LENGTH = 32;

const b64 = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function mac(secret: string, purpose: SignedTokenPurpose, body: string): Buffer {
  if (secret.length < MIN_SECRET_LENGTH)
    throw new RangeError(`The secret must be at least ${MIN_SECRET_LENGTH} characters.`);
  return createHmac('sha256', `${purpose}:${secret}`).update(body).digest();
}

/** `<base64url JSON with exp>.<base64url HMAC-SHA256>`: short enough for a link, checked in constant time. */
export function signToken(
  secret: string,
  purpose: SignedTokenPurpose,
  data: SignedTokenData,
  ttlSeconds: number,
  now: Date = new Date(),
): string {
  const body = b64(JSON.stringify({ ...data, exp: Math.floor(now.getTime() / 1000) + ttlSeconds }));
  return `${body}.${b64(mac(secret, purpose, body))}`;
}

/** The token's data (exp included); AuthException invalid_token or token_expired otherwise. */
export function verifyToken(
  secret: string,
  purpose: SignedTokenPurpose,
  token: string,
  now: Date = new Date(),
): Record<string, unknown> {
  const [body, signature, extra] = token.split('.');
  const invalid = new AuthException(AuthExceptionCode.InvalidToken, 'The link or session is not valid.');
  if (!body || !signature || extra !== undefined) throw invalid;
  const expected = mac(secret, purpose, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof data !== 'object' || data === null || typeof Reflect.get(data, 'exp') !== 'number') throw invalid;
  if (Number(Reflect.get(data, 'exp')) * 1000 <= now.getTime()) {
    throw new AuthException(AuthExceptionCode.TokenExpired, 'The link or session has expired.');
  }
  return data as Record<string, unknown>;
}
