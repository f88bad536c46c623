import type { AgentRole } from '@switchboard/auth';
import { newId } from '@switchboard/ids';
import { inTenant, pgErrorCode, PgErrorCode, type Database, type SqlExecutor } from '@switchboard/persistence';
import type { AgentDirectoryWriter } from '@switchboard/routing';
import { issueAccountToken } from '../accounts/account-tokens';
import { revokeAgentSessions } from '../accounts/sessions.repository';
import { recordAdminChange } from '../audit/admin-audit';
import { OrganisationException, OrganisationExceptionCode as Code } from '../organisation.exception';
import type { AdminActor } from './admin-actor';

export interface UserView {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: AgentRole;
  readonly primaryTeamId: string | null;
  readonly teamIds: readonly string[];
  readonly active: boolean;
}

export interface InviteUserCommand {
  readonly email: string;
  readonly name: string;
  readonly role: AgentRole;
  /** The first is the primary team, the one routing assigns through. */
  readonly teamIds: readonly string[];
}

export type UpdateUserCommand = Pick<InviteUserCommand, 'role' | 'teamIds'>;

/** Shown once: the invited user (or one whose password was reset) sets a password with the token. */
export interface AccountTokenIssued {
  readonly userId: string;
  readonly token: string;
  readonly expiresAt: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  team_id: string | null;
  team_ids: string[];
  deactivated_at: Date | null;
}

async function assertTeams(tx: SqlExecutor, tenantId: string, teamIds: readonly string[]): Promise<void> {
  const rows = await tx.query(`SELECT id FROM teams WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
    tenantId,
    [...teamIds],
  ]);
  if (rows.length !== new Set(teamIds).size) throw new OrganisationException(Code.TeamNotFound, 'No such team.');
}

async function setMemberships(tx: SqlExecutor, tenantId: string, agentId: string, teamIds: readonly string[]) {
  await tx.query(`DELETE FROM team_memberships WHERE tenant_id = $1 AND agent_id = $2`, [tenantId, agentId]);
  await tx.query(
    `INSERT INTO team_memberships (tenant_id, team_id, agent_id) SELECT $1, unnest($3::uuid[]), $2 ON CONFLICT DO NOTHING`,
    [tenantId, agentId, [...teamIds]],
  );
}

/** Users of a tenant: invite, change role and teams, deactivate, reset password; every change audited. */
export class UsersAdminUseCase {
  constructor(
    private readonly db: Database,
    private readonly directory: AgentDirectoryWriter,
  ) {}

  list(tenantId: string): Promise<UserView[]> {
    return inTenant(this.db, tenantId, async (tx) => {
      const rows = await tx.query<UserRow>(
        `SELECT a.id, a.email, a.name, a.role, a.team_id, a.deactivated_at,
                array(SELECT m.team_id::text FROM team_memberships m
                      WHERE m.tenant_id = a.tenant_id AND m.agent_id = a.id ORDER BY 1) AS team_ids
         FROM agents a WHERE a.tenant_id = $1 ORDER BY a.email`,
        [tenantId],
      );
      return rows.map((row) => ({
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        primaryTeamId: row.team_id,
        teamIds: [...new Set([...(row.team_id ? [row.team_id] : []), ...row.team_ids])],
        active: row.deactivated_at === null,
      }));
    });
  }

  invite(actor: AdminActor, command: InviteUserCommand): Promise<AccountTokenIssued> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      await assertTeams(tx, actor.tenantId, command.teamIds);
      const id = newId();
      const agent = { id, tenantId: actor.tenantId, email: command.email, name: command.name, role: command.role };
      await this.directory.createAgent(tx, { ...agent, teamId: command.teamIds[0] ?? null }).catch((error) => {
        if (pgErrorCode(error) !== PgErrorCode.uniqueViolation) throw error;
        throw new OrganisationException(Code.EmailTaken, 'A user with that email exists in this tenant.');
      });
      await setMemberships(tx, actor.tenantId, id, command.teamIds);
      const issued = await issueAccountToken(tx, { tenantId: actor.tenantId, agentId: id }, 'invite');
      await recordAdminChange(tx, { ...this.entry(actor, 'user.invited', id), data: { ...command } });
      return { userId: id, ...issued };
    });
  }

  update(actor: AdminActor, userId: string, command: UpdateUserCommand): Promise<{ id: string }> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      await assertTeams(tx, actor.tenantId, command.teamIds);
      const change = { role: command.role, teamId: command.teamIds[0] ?? null };
      if (!(await this.directory.updateAgent(tx, actor.tenantId, userId, change))) {
        throw new OrganisationException(Code.UserNotFound, 'No such user.');
      }
      await setMemberships(tx, actor.tenantId, userId, command.teamIds);
      await recordAdminChange(tx, { ...this.entry(actor, 'user.updated', userId), data: { ...command } });
      return { id: userId };
    });
  }

  deactivate(actor: AdminActor, userId: string): Promise<{ id: string }> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      if (!(await this.directory.deactivateAgent(tx, actor.tenantId, userId))) {
        throw new OrganisationException(Code.UserNotFound, 'No such user.');
      }
      await revokeAgentSessions(tx, actor.tenantId, userId, 'deactivated');
      await recordAdminChange(tx, this.entry(actor, 'user.deactivated', userId));
      return { id: userId };
    });
  }

  /** The old password stops working and every session ends; the user sets a new one with the token. */
  resetPassword(actor: AdminActor, userId: string): Promise<AccountTokenIssued> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      const found = await tx.query(`SELECT 1 FROM agents WHERE tenant_id = $1 AND id = $2 AND deactivated_at IS NULL`, [
        actor.tenantId,
        userId,
      ]);
      if (found.length === 0) throw new OrganisationException(Code.UserNotFound, 'No such active user.');
      await this.directory.setPasswordHash(tx, actor.tenantId, userId, null);
      await revokeAgentSessions(tx, actor.tenantId, userId, 'password_reset');
      const issued = await issueAccountToken(tx, { tenantId: actor.tenantId, agentId: userId }, 'password_reset');
      await recordAdminChange(tx, this.entry(actor, 'user.password_reset', userId));
      return { userId, ...issued };
    });
  }

  private entry(actor: AdminActor, action: string, targetId: string) {
    return { tenantId: actor.tenantId, actorId: actor.id, action, targetKind: 'user' as const, targetId };
  }
}
