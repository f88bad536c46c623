import { newId } from '@switchboard/ids';
import type { Database, SqlExecutor } from '@switchboard/persistence';
import { secretToken, tokenHash } from './account-tokens';

/** A refresh token lives 30 days unless used (then replaced) or its session is revoked. */
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 86_400;

export type SessionRevokedReason = 'logout' | 'refresh_token_reused' | 'deactivated' | 'password_reset';

export interface IssuedRefreshToken {
  readonly sessionId: string;
  readonly refreshToken: string;
  readonly refreshExpiresIn: number;
}

/** Adds the next refresh token of a session (its family). */
export async function addRefreshToken(
  tx: SqlExecutor,
  tenantId: string,
  sessionId: string,
): Promise<IssuedRefreshToken> {
  const refreshToken = secretToken();
  await tx.query(
    `INSERT INTO refresh_tokens (token_hash, tenant_id, session_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [tokenHash(refreshToken), tenantId, sessionId, REFRESH_TOKEN_TTL_SECONDS],
  );
  return { sessionId, refreshToken, refreshExpiresIn: REFRESH_TOKEN_TTL_SECONDS };
}

export async function openSession(
  tx: SqlExecutor,
  session: { tenantId: string; agentId: string; method: 'password' | 'oidc' },
): Promise<IssuedRefreshToken> {
  const sessionId = newId();
  await tx.query(`INSERT INTO auth_sessions (id, tenant_id, agent_id, method) VALUES ($1, $2, $3, $4)`, [
    sessionId,
    session.tenantId,
    session.agentId,
    session.method,
  ]);
  return addRefreshToken(tx, session.tenantId, sessionId);
}

export async function revokeSession(
  tx: SqlExecutor,
  tenantId: string,
  sessionId: string,
  reason: SessionRevokedReason,
): Promise<void> {
  await tx.query(
    `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`,
    [tenantId, sessionId, reason],
  );
}

export async function revokeAgentSessions(
  tx: SqlExecutor,
  tenantId: string,
  agentId: string,
  reason: SessionRevokedReason,
): Promise<void> {
  await tx.query(
    `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $3 WHERE tenant_id = $1 AND agent_id = $2 AND revoked_at IS NULL`,
    [tenantId, agentId, reason],
  );
}

/** Whether an access token's session still stands (logout and reuse revoke it before the token expires). */
export async function isSessionActive(tx: SqlExecutor, tenantId: string, sessionId: string): Promise<boolean> {
  const rows = await tx.query(`SELECT 1 FROM auth_sessions WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`, [
    tenantId,
    sessionId,
  ]);
  return rows.length > 0;
}

/**
 * The tenant a refresh token belongs to, looked up before any tenant is known (like login's lookup
 * by tenant slug), so the rotation itself can run tenant-scoped.
 */
export async function tenantOfRefreshToken(db: Database, refreshToken: string): Promise<string | undefined> {
  const rows = await db.query<{ tenant_id: string }>(`SELECT tenant_id FROM refresh_tokens WHERE token_hash = $1`, [
    tokenHash(refreshToken),
  ]);
  return rows[0]?.tenant_id;
}
