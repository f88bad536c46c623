import type { AgentRole } from '@switchboard/auth';
import { inTenant, type Database } from '@switchboard/persistence';
import { recordAdminChange } from '../audit/admin-audit';
import { OrganisationException, OrganisationExceptionCode as Code } from '../organisation.exception';
import { tokenHash } from './account-tokens';
import { addRefreshToken, revokeSession, tenantOfRefreshToken, type IssuedRefreshToken } from './sessions.repository';

export interface RefreshedSession extends IssuedRefreshToken {
  readonly agentId: string;
  readonly tenantId: string;
  readonly role: AgentRole;
}

interface TokenRow {
  session_id: string;
  agent_id: string;
  role: AgentRole;
  used: boolean;
  expired: boolean;
  revoked: boolean;
  deactivated: boolean;
}

type Outcome = { kind: 'rotated'; session: RefreshedSession } | { kind: 'reused' } | { kind: 'invalid' };

/**
 * Rotation (RFC 9700 section 4.14.2): a refresh token is exchanged once for a new pair. One that was
 * already exchanged, presented again, means it was copied: the whole session is revoked, for the
 * thief and the user alike, and the revocation is audited.
 */
export class RefreshSessionUseCase {
  constructor(private readonly db: Database) {}

  async execute(refreshToken: string): Promise<RefreshedSession> {
    const tenantId = await tenantOfRefreshToken(this.db, refreshToken);
    const outcome: Outcome = tenantId ? await this.rotate(tenantId, refreshToken) : { kind: 'invalid' };
    switch (outcome.kind) {
      case 'rotated':
        return outcome.session;
      case 'reused':
        throw new OrganisationException(
          Code.RefreshTokenReused,
          'This refresh token was already used: the session is revoked, sign in again.',
        );
      case 'invalid':
        throw new OrganisationException(Code.InvalidRefreshToken, 'The refresh token is not valid.');
    }
  }

  // The reuse branch returns instead of throwing, so the revocation commits.
  private rotate(tenantId: string, refreshToken: string): Promise<Outcome> {
    return inTenant(this.db, tenantId, async (tx) => {
      const rows = await tx.query<TokenRow>(
        `SELECT r.session_id, s.agent_id, a.role, r.used_at IS NOT NULL AS used, r.expires_at <= now() AS expired,
                s.revoked_at IS NOT NULL AS revoked, a.deactivated_at IS NOT NULL AS deactivated
         FROM refresh_tokens r
         JOIN auth_sessions s ON s.id = r.session_id AND s.tenant_id = r.tenant_id
         JOIN agents a ON a.id = s.agent_id AND a.tenant_id = s.tenant_id
         WHERE r.tenant_id = $1 AND r.token_hash = $2 FOR UPDATE OF r, s`,
        [tenantId, tokenHash(refreshToken)],
      );
      const row = rows[0];
      if (!row || row.revoked || row.deactivated) return { kind: 'invalid' };
      if (row.used) {
        await revokeSession(tx, tenantId, row.session_id, 'refresh_token_reused');
        await recordAdminChange(tx, {
          tenantId,
          actorId: null,
          action: 'session.revoked_on_reuse',
          targetKind: 'session',
          targetId: row.session_id,
          data: { agentId: row.agent_id },
        });
        return { kind: 'reused' };
      }
      if (row.expired) return { kind: 'invalid' };
      await tx.query(`UPDATE refresh_tokens SET used_at = now() WHERE tenant_id = $1 AND token_hash = $2`, [
        tenantId,
        tokenHash(refreshToken),
      ]);
      const next = await addRefreshToken(tx, tenantId, row.session_id);
      return { kind: 'rotated', session: { ...next, agentId: row.agent_id, tenantId, role: row.role } };
    });
  }
}
