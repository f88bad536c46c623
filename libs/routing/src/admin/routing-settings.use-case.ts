import type { CapacityStore } from '@switchboard/coordination';
import { inTenant, type Database, type SqlExecutor } from '@switchboard/persistence';
import { channelCapacities } from '../rules/channel-capacity';
import { PostgresLoadCapacityView } from './postgres-load.capacity-view';
import { RoutingRuleAdminException, RoutingRuleAdminExceptionCode } from './routing-rule-admin.exception';
import type { AgentCapacity, TeamRouting } from './routing-settings.command';

export interface TeamRoutingView extends TeamRouting {
  readonly id: string;
  readonly name: string;
  readonly agents: readonly AgentView[];
}

export interface AgentView {
  readonly id: string;
  readonly name: string;
  readonly capacity: number;
  /** Every channel, the agent's own setting or the default. */
  readonly channelCapacity: Readonly<Record<string, number>>;
  readonly presence: string;
  /** Open tickets assigned to the agent, counted in Postgres: the truth. */
  readonly openTickets: number;
  /** The counter routing reserves against; equal to openTickets unless a load change was lost. */
  readonly load: number;
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
  team_id: string | null;
  name: string;
  capacity: number;
  channel_capacity: Record<string, number>;
  presence: string;
}

const notFound = (what: string) =>
  new RoutingRuleAdminException(RoutingRuleAdminExceptionCode.InvalidRule, `No such ${what} in this tenant.`, [
    { field: what === 'team' ? 'teamId' : 'agentId', reason: `unknown_${what}`, message: `No such ${what}.` },
  ]);

/** Teams' strategies and overflow, agents' capacities: read and changed by admins, scoped to one tenant. */
export class RoutingSettingsUseCase {
  constructor(
    private readonly db: Database,
    private readonly capacity: Pick<CapacityStore, 'loads'>,
    private readonly onChanged: () => void = () => undefined,
  ) {}

  async listTeams(tenantId: string): Promise<TeamRoutingView[]> {
    const { teams, agents } = await inTenant(this.db, tenantId, async (tx) => ({
      teams: await tx.query<TeamRow>(
        `SELECT id, name, strategy, overflow_team_id, overflow_after_seconds FROM teams ORDER BY name`,
      ),
      agents: await selectAgents(tx, tenantId, null),
    }));
    const views = await this.agentViews(tenantId, agents);
    return teams.map((team) => ({
      id: team.id,
      name: team.name,
      strategy: team.strategy,
      overflowTeamId: team.overflow_team_id,
      overflowAfterSeconds: team.overflow_after_seconds,
      agents: views.filter((v) => v.teamId === team.id).map((v) => v.view),
    }));
  }

  /** Each agent's settings with its open tickets (Postgres) and its load counter (capacity store). */
  private async agentViews(
    tenantId: string,
    { rows, openTickets }: SelectedAgents,
  ): Promise<{ teamId: string | null; view: AgentView }[]> {
    const loads = await this.capacity.loads(
      tenantId,
      rows.map((a) => a.id),
    );
    return rows.map((a) => ({
      teamId: a.team_id,
      view: {
        id: a.id,
        name: a.name,
        capacity: a.capacity,
        channelCapacity: channelCapacities(a.capacity, a.channel_capacity),
        presence: a.presence,
        openTickets: openTickets.get(a.id) ?? 0,
        load: loads.get(a.id) ?? 0,
      },
    }));
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

  async setAgentCapacity(tenantId: string, agentId: string, capacity: AgentCapacity): Promise<AgentView> {
    const selected = await inTenant(this.db, tenantId, async (tx) => {
      await tx.query(`UPDATE agents SET capacity = $2, channel_capacity = $3 WHERE id = $1`, [
        agentId,
        capacity.capacity,
        JSON.stringify(capacity.channelCapacity),
      ]);
      return selectAgents(tx, tenantId, agentId);
    });
    const [agent] = await this.agentViews(tenantId, selected);
    if (!agent) throw notFound('agent');
    this.onChanged();
    return agent.view;
  }

  private async team(tenantId: string, teamId: string): Promise<TeamRoutingView> {
    const team = (await this.listTeams(tenantId)).find((t) => t.id === teamId);
    if (!team) throw notFound('team');
    return team;
  }
}

interface SelectedAgents {
  readonly rows: readonly AgentRow[];
  /** Open tickets per agent, as the dry run counts them. */
  readonly openTickets: ReadonlyMap<string, number>;
}

/** The agents of every team (agentId null), or that one agent, with their open tickets. */
async function selectAgents(tx: SqlExecutor, tenantId: string, agentId: string | null): Promise<SelectedAgents> {
  const rows = await tx.query<AgentRow>(
    `SELECT id, team_id, name, capacity, channel_capacity, presence FROM agents
      WHERE CASE WHEN $1::uuid IS NULL THEN team_id IS NOT NULL ELSE id = $1::uuid END
      ORDER BY name`,
    [agentId],
  );
  const openTickets = await new PostgresLoadCapacityView(tx).loads(
    tenantId,
    rows.map((r) => r.id),
  );
  return { rows, openTickets };
}

async function exists(tx: SqlExecutor, table: 'teams' | 'agents', id: string): Promise<boolean> {
  return (await tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;
}
