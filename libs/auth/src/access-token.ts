import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AuthException, AuthExceptionCode } from './auth.exception';

export const ACCESS_TOKEN_ISSUER = 'switchboard';
/** Short-lived: a stolen access token is good for minutes; sessions go on through rotating refresh tokens. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 900;
const ALGORITHM = 'HS256';
/** HS256 is only as strong as its key; config enforces the same minimum on JWT_SECRET. */
const MIN_SECRET_LENGTH = 32;

export const agentRoles = ['agent', 'team_lead', 'manager', 'admin'] as const;
export type AgentRole = (typeof agentRoles)[number];

export interface AccessTokenClaims {
  readonly agentId: string;
  readonly tenantId: string;
  readonly role: AgentRole;
  /** The sign-in session (refresh-token family) the token belongs to; logout revokes it. */
  readonly sessionId?: string;
}

const payloadSchema = z.object({ sub: z.uuid(), tid: z.uuid(), role: z.enum(agentRoles), sid: z.uuid().optional() });

/** Throws when the secret is too short to sign with; call at start-up to fail fast. */
export function assertUsableJwtSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new RangeError(`The JWT secret must be at least ${MIN_SECRET_LENGTH} characters.`);
  }
}

function signingKey(secret: string): Uint8Array {
  assertUsableJwtSecret(secret);
  return new TextEncoder().encode(secret);
}

/** A signed HS256 JWT: sub = agent, tid = tenant, role. `now` exists so tests can mint old tokens. */
export async function issueAccessToken(
  secret: string,
  claims: AccessTokenClaims,
  ttlSeconds = DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  now: Date = new Date(),
): Promise<string> {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError('ttlSeconds must be a positive integer.');
  }
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    tid: claims.tenantId,
    role: claims.role,
    ...(claims.sessionId ? { sid: claims.sessionId } : {}),
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setSubject(claims.agentId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(signingKey(secret));
}

/** The claims of a valid token; AuthException token_expired or invalid_token otherwise. */
export async function verifyAccessToken(secret: string, token: string): Promise<AccessTokenClaims> {
  const key = signingKey(secret);
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ACCESS_TOKEN_ISSUER,
      algorithms: [ALGORITHM],
      requiredClaims: ['exp', 'sub'],
    });
    const claims = payloadSchema.parse(payload);
    return {
      agentId: claims.sub,
      tenantId: claims.tid,
      role: claims.role,
      ...(claims.sid ? { sessionId: claims.sid } : {}),
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new AuthException(AuthExceptionCode.TokenExpired, 'The access token has expired.');
    }
    throw new AuthException(AuthExceptionCode.InvalidToken, 'The access token is not valid.');
  }
}
