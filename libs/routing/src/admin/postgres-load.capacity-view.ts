import { pickLeastLoaded, pickRoundRobin, type CapacityCandidate, type CapacityStore } from '@switchboard/coordination';
import type { SqlExecutor } from '@switchboard/persistence';

/**
 * A read-only CapacityStore over Postgres' open tickets, for dry runs: it makes the router's choice
 * (pickLeastLoaded, the one both real stores use) but reserves nothing, so a dry run changes no counter.
 */
export class PostgresLoadCapacityView implements CapacityStore {
  constructor(private readonly db: SqlExecutor) {}

  async reserveLeastLoaded(tenantId: string, candidates: readonly CapacityCandidate[]): Promise<string | undefined> {
    const loads = await this.loads(
      tenantId,
      candidates.map((c) => c.agentId),
    );
    const chosen = pickLeastLoaded(
      candidates.map((c) => c.capacity),
      candidates.map((c) => loads.get(c.agentId) ?? 0),
    );
    return candidates[chosen]?.agentId;
  }

  /** The team's last pick is read as its most recently assigned agent. */
  async reserveRoundRobin(
    tenantId: string,
    teamId: string,
    candidates: readonly CapacityCandidate[],
  ): Promise<string | undefined> {
    const loads = await this.loads(
      tenantId,
      candidates.map((c) => c.agentId),
    );
    const [last] = await this.db.query<{ assignee_id: string }>(
      `SELECT assignee_id FROM tickets WHERE tenant_id = $1 AND team_id = $2 AND assigned_at IS NOT NULL
       ORDER BY assigned_at DESC LIMIT 1`,
      [tenantId, teamId],
    );
    const chosen = pickRoundRobin(
      candidates,
      candidates.map((c) => loads.get(c.agentId) ?? 0),
      last?.assignee_id,
    );
    return candidates[chosen]?.agentId;
  }

  async loads(tenantId: string, agentIds: readonly string[]): Promise<Map<string, number>> {
    if (agentIds.length === 0) return new Map();
    const rows = await this.db.query<{ agent_id: string; load: number }>(
      `SELECT assignee_id AS agent_id, count(*)::int AS load FROM tickets
       WHERE tenant_id = $1 AND assignee_id = ANY($2::uuid[]) AND status NOT IN ('resolved', 'closed')
       GROUP BY assignee_id`,
      [tenantId, [...agentIds]],
    );
    return new Map(rows.map((row) => [row.agent_id, row.load]));
  }

  async release(): Promise<void> {
    // Nothing was reserved.
  }

  async add(): Promise<void> {
    // Postgres already counts every assignment.
  }

  async seedMissing(): Promise<void> {
    // Postgres is the truth here; there are no counters to seed.
  }

  async ping(): Promise<void> {
    // Owns no connection: the database's own readiness probe covers it.
  }

  async close(): Promise<void> {
    // Owns no connection.
  }
}
