import type { AccessScope, AgentRole } from '@switchboard/auth';
import type { SqlExecutor } from '@switchboard/persistence';

interface ScopeRow {
  team_ids: string[];
  department_team_ids: string[];
}

/**
 * The teams an agent belongs to (memberships plus their primary team) and every team of those teams'
 * departments and sub-departments (departments form a tree; UNION stops at a cycle).
 */
const SCOPE_SQL = `
  WITH RECURSIVE my_teams AS (
    SELECT team_id FROM team_memberships WHERE tenant_id = $1 AND agent_id = $2
    UNION SELECT team_id FROM agents WHERE tenant_id = $1 AND id = $2 AND team_id IS NOT NULL
  ), my_departments AS (
    SELECT t.department_id AS id FROM teams t
    WHERE t.tenant_id = $1 AND t.department_id IS NOT NULL AND t.id IN (SELECT team_id FROM my_teams)
    UNION SELECT d.id FROM departments d JOIN my_departments p ON d.parent_id = p.id WHERE d.tenant_id = $1
  )
  SELECT array(SELECT team_id::text FROM my_teams ORDER BY 1) AS team_ids,
         array(SELECT t.id::text FROM teams t
               WHERE t.tenant_id = $1
                 AND (t.id IN (SELECT team_id FROM my_teams) OR t.department_id IN (SELECT id FROM my_departments))
               ORDER BY 1) AS department_team_ids`;

export async function loadAccessScope(
  db: SqlExecutor,
  agent: { readonly id: string; readonly tenantId: string; readonly role: AgentRole },
): Promise<AccessScope> {
  const rows = await db.query<ScopeRow>(SCOPE_SQL, [agent.tenantId, agent.id]);
  const row = rows[0];
  return {
    agentId: agent.id,
    tenantId: agent.tenantId,
    role: agent.role,
    teamIds: row?.team_ids ?? [],
    departmentTeamIds: row?.department_team_ids ?? [],
  };
}
