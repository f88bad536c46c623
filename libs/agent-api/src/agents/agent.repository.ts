import type { AgentRole } from '@switchboard/auth';
import type { SqlExecutor } from '@switchboard/persistence';

/** The caller of every authenticated route, as the database knows them now (not as the token said). */
export interface Agent {
  readonly id: string;
  readonly tenantId: string;
  readonly teamId: string | null;
  readonly name: string;
  readonly email: string;
  readonly role: AgentRole;
}

export interface AgentWithPasswordHash extends Agent {
  readonly passwordHash: string | null;
}

interface AgentRecord {
  id: string;
  tenant_id: string;
  team_id: string | null;
  name: string;
  email: string;
  role: AgentRole;
}

const AGENT_COLUMNS = 'a.id, a.tenant_id, a.team_id, a.name, a.email, a.role';

function toAgent(row: AgentRecord): Agent {
  return { id: row.id, tenantId: row.tenant_id, teamId: row.team_id, name: row.name, email: row.email, role: row.role };
}

export class AgentRepository {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Login is the one lookup by tenant slug: the caller has no tenant id yet. Emails match without
   * case; should two differ only in case, the exact spelling wins.
   */
  async findAgentForLogin(tenantSlug: string, email: string): Promise<AgentWithPasswordHash | undefined> {
    const rows = await this.db.query<AgentRecord & { password_hash: string | null }>(
      `SELECT ${AGENT_COLUMNS}, a.password_hash FROM agents a JOIN tenants t ON t.id = a.tenant_id
       WHERE t.slug = $1 AND lower(a.email) = lower($2)
       ORDER BY (a.email = $2) DESC LIMIT 1`,
      [tenantSlug, email],
    );
    const row = rows[0];
    return row ? { ...toAgent(row), passwordHash: row.password_hash } : undefined;
  }

  async findAgent(tenantId: string, agentId: string): Promise<Agent | undefined> {
    const rows = await this.db.query<AgentRecord>(
      `SELECT ${AGENT_COLUMNS} FROM agents a WHERE a.tenant_id = $1 AND a.id = $2`,
      [tenantId, agentId],
    );
    const row = rows[0];
    return row ? toAgent(row) : undefined;
  }
}
