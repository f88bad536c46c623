import type { AgentRole } from '@switchboard/auth';
import type { SqlExecutor } from '@switchboard/persistence';

/**
 * The writes to teams and agents that organisation administration needs (libs/organisation, issue
 * #19), kept here because routing owns both tables. Each runs on the caller's tenant-scoped
 * transaction, so the admin change and its audit entry commit together.
 */
export class AgentDirectoryWriter {
  async createTeam(
    tx: SqlExecutor,
    team: { id: string; tenantId: string; name: string; departmentId: string | null },
  ): Promise<void> {
    await tx.query(`INSERT INTO teams (id, tenant_id, name, department_id) VALUES ($1, $2, $3, $4)`, [
      team.id,
      team.tenantId,
      team.name,
      team.departmentId,
    ]);
  }

  /** False when the team does not exist in the tenant. */
  async placeTeam(tx: SqlExecutor, tenantId: string, teamId: string, departmentId: string | null): Promise<boolean> {
    const rows = await tx.query<{ id: string }>(
      `UPDATE teams SET department_id = $3 WHERE tenant_id = $1 AND id = $2 RETURNING id`,
      [tenantId, teamId, departmentId],
    );
    return rows.length > 0;
  }

  async createAgent(
    tx: SqlExecutor,
    agent: { id: string; tenantId: string; email: string; name: string; role: AgentRole; teamId: string | null },
  ): Promise<void> {
    await tx.query(`INSERT INTO agents (id, tenant_id, team_id, email, name, role) VALUES ($1, $2, $3, $4, $5, $6)`, [
      agent.id,
      agent.tenantId,
      agent.teamId,
      agent.email,
      agent.name,
      agent.role,
    ]);
  }

  /** Role and primary team (the team routing assigns through); false when the agent does not exist. */
  async updateAgent(
    tx: SqlExecutor,
    tenantId: string,
    agentId: string,
    change: { role: AgentRole; teamId: string | null },
  ): Promise<boolean> {
    const rows = await tx.query<{ id: string }>(
      `UPDATE agents SET role = $3, team_id = $4 WHERE tenant_id = $1 AND id = $2 RETURNING id`,
      [tenantId, agentId, change.role, change.teamId],
    );
    return rows.length > 0;
  }

  /** A deactivated agent can neither sign in nor be routed to (presence offline, no password). */
  async deactivateAgent(tx: SqlExecutor, tenantId: string, agentId: string): Promise<boolean> {
    const rows = await tx.query<{ id: string }>(
      `UPDATE agents SET deactivated_at = coalesce(deactivated_at, now()), presence = 'offline', password_hash = NULL
       WHERE tenant_id = $1 AND id = $2 RETURNING id`,
      [tenantId, agentId],
    );
    return rows.length > 0;
  }

  /** A new hash (migration at login, a set password) or none (a reset waits for the new one). */
  async setPasswordHash(tx: SqlExecutor, tenantId: string, agentId: string, hash: string | null): Promise<void> {
    await tx.query(`UPDATE agents SET password_hash = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, agentId, hash]);
  }
}
