import { hashPassword, needsRehash, verifyPassword, type AgentRole } from '@switchboard/auth';
import { inTenant, type Database, type SqlExecutor } from '@switchboard/persistence';
import type { AgentDirectoryWriter } from '@switchboard/routing';
import { recordAdminChange } from '../audit/admin-audit';
import { OrganisationException, OrganisationExceptionCode as Code } from '../organisation.exception';
import { openSession, type IssuedRefreshToken } from './sessions.repository';

export interface LockoutPolicy {
  /** Consecutive failed passwords that lock the account. */
  readonly maxFailures: number;
  readonly lockSeconds: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockSeconds: 900 };

export interface SignedIn extends IssuedRefreshToken {
  readonly agentId: string;
  readonly tenantId: string;
  readonly role: AgentRole;
}

interface LoginRow {
  id: string;
  tenant_id: string;
  role: AgentRole;
  password_hash: string | null;
  locked_for: number | null;
}

function locked(seconds: number): OrganisationException {
  const error = new OrganisationException(
    Code.AccountLocked,
    `Too many failed sign-ins: this account is locked for ${Math.ceil(seconds / 60)} more minute(s). Ask an admin to reset the password if it is not you.`,
  );
  error.retryAfterSeconds = Math.max(1, Math.ceil(seconds));
  return error;
}

/**
 * Password sign-in: lockout after repeated failures (per account; the edge limits per address), the
 * hash migrated to argon2id on a successful login, a new session with its first refresh token.
 * Unknown tenant, unknown or deactivated account and wrong password answer alike and cost the same.
 */
export class PasswordSignInUseCase {
  constructor(
    private readonly db: Database,
    private readonly directory: AgentDirectoryWriter,
    private readonly lockout: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  async execute(command: { tenant: string; email: string; password: string }): Promise<SignedIn> {
    const agent = await this.findForLogin(command.tenant, command.email);
    if (agent?.locked_for) throw locked(agent.locked_for);
    const matches = await verifyPassword(command.password, agent?.password_hash);
    if (!agent || !agent.password_hash || !matches) {
      if (agent) await this.recordFailure(agent);
      throw new OrganisationException(Code.InvalidCredentials, 'Tenant, email or password is wrong.');
    }
    const storedHash = agent.password_hash;
    return inTenant(this.db, agent.tenant_id, async (tx) => {
      await tx.query(`DELETE FROM login_failures WHERE tenant_id = $1 AND agent_id = $2`, [agent.tenant_id, agent.id]);
      if (needsRehash(storedHash)) {
        await this.directory.setPasswordHash(tx, agent.tenant_id, agent.id, await hashPassword(command.password));
      }
      const session = await openSession(tx, { tenantId: agent.tenant_id, agentId: agent.id, method: 'password' });
      return { ...session, agentId: agent.id, tenantId: agent.tenant_id, role: agent.role };
    });
  }

  /** Login is the one lookup by tenant slug: the caller has no tenant id yet. The exact spelling wins. */
  private async findForLogin(tenantSlug: string, email: string): Promise<LoginRow | undefined> {
    const rows = await this.db.query<LoginRow>(
      `SELECT a.id, a.tenant_id, a.role, a.password_hash,
              extract(epoch FROM (f.locked_until - now()))::float8 AS locked_for
       FROM agents a JOIN tenants t ON t.id = a.tenant_id
       LEFT JOIN login_failures f ON f.tenant_id = a.tenant_id AND f.agent_id = a.id AND f.locked_until > now()
       WHERE t.slug = $1 AND lower(a.email) = lower($2) AND a.deactivated_at IS NULL
       ORDER BY (a.email = $2) DESC LIMIT 1`,
      [tenantSlug, email],
    );
    return rows[0];
  }

  /** Counts the failure; the one that reaches the limit locks the account, audits it and says so. */
  private async recordFailure(agent: LoginRow): Promise<void> {
    const lockedNow = await inTenant(this.db, agent.tenant_id, (tx) => this.countFailure(tx, agent));
    if (lockedNow) throw locked(this.lockout.lockSeconds);
  }

  private async countFailure(tx: SqlExecutor, agent: LoginRow): Promise<boolean> {
    const rows = await tx.query<{ failures: number }>(
      `INSERT INTO login_failures (tenant_id, agent_id, failures, last_failure_at) VALUES ($1, $2, 1, now())
       ON CONFLICT (tenant_id, agent_id) DO UPDATE SET failures = login_failures.failures + 1, last_failure_at = now()
       RETURNING failures`,
      [agent.tenant_id, agent.id],
    );
    if ((rows[0]?.failures ?? 0) < this.lockout.maxFailures) return false;
    await tx.query(
      `UPDATE login_failures SET failures = 0, locked_until = now() + make_interval(secs => $3)
       WHERE tenant_id = $1 AND agent_id = $2`,
      [agent.tenant_id, agent.id, this.lockout.lockSeconds],
    );
    await recordAdminChange(tx, {
      tenantId: agent.tenant_id,
      actorId: null,
      action: 'user.locked_out',
      targetKind: 'user',
      targetId: agent.id,
      data: { lockSeconds: this.lockout.lockSeconds },
    });
    return true;
  }
}
