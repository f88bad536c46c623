import { hashPassword } from '@switchboard/auth';
import { inTenant, type Database } from '@switchboard/persistence';
import type { AgentDirectoryWriter } from '@switchboard/routing';
import { recordAdminChange } from '../audit/admin-audit';
import { OrganisationException, OrganisationExceptionCode as Code } from '../organisation.exception';
import { tokenHash } from './account-tokens';
import { isSessionActive, revokeSession } from './sessions.repository';

/** Logout, the session check of every authenticated request, and setting a password with a token. */
export class AccountSessionUseCase {
  constructor(
    private readonly db: Database,
    private readonly directory: AgentDirectoryWriter,
  ) {}

  logout(tenantId: string, sessionId: string): Promise<void> {
    return inTenant(this.db, tenantId, (tx) => revokeSession(tx, tenantId, sessionId, 'logout'));
  }

  isActive(tenantId: string, sessionId: string): Promise<boolean> {
    return inTenant(this.db, tenantId, (tx) => isSessionActive(tx, tenantId, sessionId));
  }

  /** An invitation or reset token, used once, sets the password; the user then signs in with it. */
  async setPassword(token: string, password: string): Promise<void> {
    const rows = await this.db.query<{ tenant_id: string; agent_id: string }>(
      `SELECT tenant_id, agent_id FROM account_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
      [tokenHash(token)],
    );
    const found = rows[0];
    if (!found) throw new OrganisationException(Code.InvalidAccountToken, 'The link is not valid or was already used.');
    const hash = await hashPassword(password);
    await inTenant(this.db, found.tenant_id, async (tx) => {
      const used = await tx.query(
        `UPDATE account_tokens SET used_at = now() WHERE tenant_id = $1 AND token_hash = $2 AND used_at IS NULL RETURNING 1`,
        [found.tenant_id, tokenHash(token)],
      );
      if (used.length === 0) throw new OrganisationException(Code.InvalidAccountToken, 'The link was already used.');
      await this.directory.setPasswordHash(tx, found.tenant_id, found.agent_id, hash);
      await tx.query(`DELETE FROM login_failures WHERE tenant_id = $1 AND agent_id = $2`, [
        found.tenant_id,
        found.agent_id,
      ]);
      await recordAdminChange(tx, {
        tenantId: found.tenant_id,
        actorId: found.agent_id,
        action: 'user.password_set',
        targetKind: 'user',
        targetId: found.agent_id,
      });
    });
  }
}
