import type { SqlExecutor } from '@switchboard/persistence';

export interface AssignableAgent {
  readonly id: string;
  readonly teamId: string | null;
  readonly capacity: number;
  /** Tickets assigned to the agent that are not resolved or closed (routing's load), this one excluded. */
  readonly openTickets: number;
}

/** Agents and teams the lifecycle commands name, looked up in the caller's transaction and tenant. */
export class AgentDirectory {
  constructor(private readonly tx: SqlExecutor) {}

  async findAgent(tenantId: string, agentId: string, excludingTicketId: string): Promise<AssignableAgent | undefined> {
    const rows = await this.tx.query<{ id: string; team_id: string | null; capacity: number; open_tickets: number }>(
      `SELECT a.id, a.team_id, a.capacity,
              (SELECT count(*)::int FROM tickets t
               WHERE t.tenant_id = a.tenant_id AND t.assignee_id = a.id AND t.id <> $3
                 AND t.status NOT IN ('resolved', 'closed')) AS open_tickets
       FROM agents a WHERE a.tenant_id = $1 AND a.id = $2`,
      [tenantId, agentId, excludingTicketId],
    );
    const row = rows[0];
    return row ? { id: row.id, teamId: row.team_id, capacity: row.capacity, openTickets: row.open_tickets } : undefined;
  }

  async teamExists(tenantId: string, teamId: string): Promise<boolean> {
    const rows = await this.tx.query(`SELECT 1 FROM teams WHERE tenant_id = $1 AND id = $2`, [tenantId, teamId]);
    return rows.length > 0;
  }
}
