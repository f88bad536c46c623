import { createHash, randomBytes } from 'node:crypto';
import type { SqlExecutor } from '@switchboard/persistence';

/** An invitation or reset is good for three days; it is used once. */
export const ACCOUNT_TOKEN_TTL_SECONDS = 3 * 86_400;

export type AccountTokenPurpose = 'invite' | 'password_reset';

/** Tokens are 256 random bits; only their SHA-256 is stored, so a database dump opens no account. */
export const secretToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** A fresh token for an agent to set their password with; earlier unused ones of the agent stop working. */
export async function issueAccountToken(
  tx: SqlExecutor,
  target: { tenantId: string; agentId: string },
  purpose: AccountTokenPurpose,
): Promise<{ token: string; expiresAt: string }> {
  const token = secretToken();
  const expiresAt = new Date(Date.now() + ACCOUNT_TOKEN_TTL_SECONDS * 1000);
  await tx.query(
    `UPDATE account_tokens SET used_at = now() WHERE tenant_id = $1 AND agent_id = $2 AND used_at IS NULL`,
    [target.tenantId, target.agentId],
  );
  await tx.query(
    `INSERT INTO account_tokens (token_hash, tenant_id, agent_id, purpose, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [tokenHash(token), target.tenantId, target.agentId, purpose, expiresAt],
  );
  return { token, expiresAt: expiresAt.toISOString() };
}
