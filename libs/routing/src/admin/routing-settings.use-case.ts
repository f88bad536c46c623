import { inTenant, type Database, type SqlExecutor } from '@switchboard/persistence';
import { channelCapacities } from '../rules/channel-capacity';
import { RoutingRuleAdminException, RoutingRuleAdminExceptionCode } from './routing-rule-admin.exception';
import type { AgentCapacity, TeamRouting } from './routing-settings.command';

export interface TeamRoutingView extends TeamRouting {
  readonly id: string;
  readonly name: string;
  readonly agents: readonly {
    readonly id: string;
    readonly name: string;
    readonly capacity: number;
    /** Every channel, the agent's own setting or the default. */
    readonly channelCapacity: Readonly<Record<string, number>>;
  }[];
}

interface TeamRow {
  id: string;
  name: string;
  strategy: TeamRouting['strategy'];
  overflow_team_id: string | null;
  overflow_after_seconds: number | null;
}

interface AgentRow {
  id: string;
  team_id: string;
  name: string;
  capacity: number;
  channel_capacity: Record<string, number>;
}

const notFound = (what: string) =>
  new RoutingRuleAdminException(RoutingRuleAdminExceptionCode.InvalidRule, `No such ${what} in this tenant.`, [
    { field: what === 'team' ? 'teamId' : 'agentId', reason: `unknown_${what}`, message: `No such ${what}.` },
  ]);

/** Teams' strategies and overflow, agents' capacities: read and changed by admins, scoped to one tenant. */
export class RoutingSettingsUseCase {
  constructor(
    private readonly db: Database,
    private readonly onChanged: () => void = () => undefined,
  ) {}

  async listTeams(tenantId: string): Promise<TeamRoutingView[]> {
    return inTenant(this.db, tenantId, async (tx) => {
      const [teams, agents] = await Promise.all([
        tx.query<TeamRow>(
          `SELECT id, name, strategy, overflow_team_id, overflow_after_seconds FROM teams ORDER BY name`,
        ),
        tx.query<AgentRow>(
          `SELECT id, team_id, name, capacity, channel_capacity FROM agents WHERE team_id IS NOT NULL ORDER BY name`,
        ),
      ]);
      return teams.map((team) => ({
        id: team.id,
        name: team.name,
        strategy: team.strategy,
        overflowTeamId: team.overflow_team_id,
        overflowAfterSeconds: team.overflow_after_seconds,
        agents: agents
          .filter((a) => a.team_id === team.id)
          .map((a) => ({
            id: a.id,
            name: a.name,
            capacity: a.capacity,
            channelCapacity: channelCapacities(a.capacity, a.channel_capacity),
          })),
      }));
    });
  }

  async setTeamRouting(tenantId: string, teamId: string, routing: TeamRouting): Promise<TeamRoutingView> {
    await inTenant(this.db, tenantId, async (tx) => {
      if (routing.overflowTeamId !== null) {
        if (routing.overflowTeamId === teamId) {
          throw new RoutingRuleAdminException(
            RoutingRuleAdminExceptionCode.InvalidRule,
            'A team cannot overflow to itself.',
            [{ field: 'overflowTeamId', reason: 'same_team', message: 'Choose another team.' }],
          );
        }
        if (!(await exists(tx, 'teams', routing.overflowTeamId))) throw notFound('team');
      }
      const rows = await tx.query(
        `UPDATE teams SET strategy = $2, overflow_team_id = $3, overflow_after_seconds = $4 WHERE id = $1 RETURNING id`,
        [teamId, routing.strategy, routing.overflowTeamId, routing.overflowAfterSeconds],
      );
      if (rows.length === 0) throw notFound('team');
    });
    this.onChanged();
    return this.team(tenantId, teamId);
  }

  async setAgentCapacity(
    tenantId: string,
    agentId: string,
    capacity: AgentCapacity,
  ): Promise<TeamRoutingView['agents'][number]> {
    const rows = await inTenant(this.db, tenantId, (tx) =>
      tx.query<AgentRow>(
        `UPDATE agents SET capacity = $2, channel_capacity = $3 WHERE id = $1
         RETURNING id, team_id, name, capacity, channel_capacity`,
        [agentId, capacity.capacity, JSON.stringify(capacity.channelCapacity)],
      ),
    );
    const row = rows[0];
    if (!row) throw notFound('agent');
    this.onChanged();
    return {
      id: row.id,
      name: row.name,
      capacity: row.capacity,
      channelCapacity: channelCapacities(row.capacity, row.channel_capacity),
    };
  }

  private async team(tenantId: string, teamId: string): Promise<TeamRoutingView> {
    const team = (await this.listTeams(tenantId)).find((t) => t.id === teamId);
    if (!team) throw notFound('team');
    return team;
  }
}

async function exists(tx: SqlExecutor, table: 'teams' | 'agents', id: string): Promise<boolean> {
  return (await tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;
}
