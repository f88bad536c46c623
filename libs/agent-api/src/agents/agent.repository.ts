import type { AccessScope, AgentRole } from '@switchboard/auth';
import { loadAccessScope } from '@switchboard/organisation';
import { withTenantScope, type Database, type SqlExecutor } from '@switchboard/persistence';

/** The caller of every authenticated route, as the database knows them now (not as the token said). */
export interface Agent {
  readonly id: string;
  readonly tenantId: string;
  /** The primary team, the one routing assigns through. */
  readonly teamId: string | null;
  readonly name: string;
  readonly email: string;
  readonly role: AgentRole;
  /** Teams and departments, for the policy (@switchboard/auth abilityFor). */
  readonly access: AccessScope;
}

interface AgentRecord {
  id: string;
  tenant_id: string;
  team_id: string | null;
  name: string;
  email: string;
  role: AgentRole;
}

export class AgentRepository {
  constructor(private readonly db: SqlExecutor | Database) {}

  /** An active agent of the tenant with their organisation scope; a deactivated one is no caller. */
  async findAgent(tenantId: string, agentId: string): Promise<Agent | undefined> {
    return withTenantScope(this.db, tenantId, async (tx) => {
      const rows = await tx.query<AgentRecord>(
        `SELECT a.id, a.tenant_id, a.team_id, a.name, a.email, a.role FROM agents a
         WHERE a.tenant_id = $1 AND a.id = $2 AND a.deactivated_at IS NULL`,
        [tenantId, agentId],
      );
      const row = rows[0];
      if (!row) return undefined;
      const access = await loadAccessScope(tx, { id: row.id, tenantId: row.tenant_id, role: row.role });
      return {
        id: row.id,
        tenantId: row.tenant_id,
        teamId: row.team_id,
        name: row.name,
        email: row.email,
        role: row.role,
        access,
      };
    });
  }
}
