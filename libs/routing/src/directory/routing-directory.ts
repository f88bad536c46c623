import type { Logger } from '@switchboard/logger';
import type { SqlExecutor } from '@switchboard/persistence';
import { defaultChannelCapacity } from '../rules/channel-capacity';
import {
  needsTicketDetails,
  requiredSkillsSchema,
  ruleConditionsSchema,
  ruleTagsSchema,
  type RoutingRule,
} from '../rules/routing-rule';

export interface RoutingAgent {
  readonly id: string;
  readonly teamId: string;
  readonly capacity: number;
  /** Open tickets the agent may hold per channel; channels not listed use the defaults. */
  readonly channelCapacity: ReadonlyMap<string, number>;
  readonly presence: 'online' | 'away' | 'offline';
  /** Skill → level (1–5). */
  readonly skills: ReadonlyMap<string, number>;
}

export interface TenantRouting {
  readonly tenantId: string;
  readonly rules: readonly RoutingRule[];
  readonly teams: ReadonlyMap<string, RoutingTeam>;
  readonly agentsByTeam: ReadonlyMap<string, readonly RoutingAgent[]>;
  /** Whether a rule reads facts the TicketCreated event lacks (body, fields, company, type). */
  readonly needsTicketDetails: boolean;
}

export interface RoutingTeam {
  readonly id: string;
  readonly name: string;
  readonly strategy: string;
  /** Where a ticket goes after waiting `overflowAfterSeconds` in this team's queue. */
  readonly overflowTeamId: string | null;
  readonly overflowAfterSeconds: number | null;
}

/** The capacity an agent has for a channel: its own setting, else the channel's default. */
export function channelCapacityOf(agent: RoutingAgent, channel: string): number {
  return agent.channelCapacity.get(channel) ?? defaultChannelCapacity(channel, agent.capacity);
}

interface RuleRow {
  id: string;
  name: string;
  position: number;
  conditions: unknown;
  required_skills: unknown;
  team_id: string;
  priority: RoutingRule['priority'];
  tags: string[];
  sla_policy: string | null;
  set_category: string | null;
}

interface AgentRow {
  id: string;
  team_id: string;
  capacity: number;
  channel_capacity: Record<string, number> | null;
  presence: RoutingAgent['presence'];
}

/**
 * Each tenant's rules, teams and agents, read from Postgres and cached briefly: routing a batch must
 * not re-read them per ticket, and an edit is picked up within `ttlMs`.
 */
export class RoutingDirectory {
  private readonly cache = new Map<string, { routing: TenantRouting | undefined; until: number }>();

  constructor(
    private readonly log: Logger,
    private readonly ttlMs = 2_000,
  ) {}

  async forTenant(db: SqlExecutor, tenantSlug: string): Promise<TenantRouting | undefined> {
    const hit = this.cache.get(tenantSlug);
    if (hit && hit.until > Date.now()) return hit.routing;
    const routing = await this.load(db, tenantSlug);
    this.cache.set(tenantSlug, { routing, until: Date.now() + this.ttlMs });
    return routing;
  }

  invalidate(): void {
    this.cache.clear();
  }

  private async load(db: SqlExecutor, tenantSlug: string): Promise<TenantRouting | undefined> {
    const [tenant] = await db.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [tenantSlug]);
    if (!tenant) return undefined;
    const [ruleRows, teamRows, agentRows, skillRows] = await Promise.all([
      db.query<RuleRow>(
        `SELECT id, name, position, conditions, required_skills, team_id, priority, tags, sla_policy, set_category
           FROM routing_rules WHERE tenant_id = $1 AND enabled ORDER BY position`,
        [tenant.id],
      ),
      db.query<{
        id: string;
        name: string;
        strategy: string;
        overflow_team_id: string | null;
        overflow_after_seconds: number | null;
      }>('SELECT id, name, strategy, overflow_team_id, overflow_after_seconds FROM teams WHERE tenant_id = $1', [
        tenant.id,
      ]),
      db.query<AgentRow>(
        `SELECT id, team_id, capacity, channel_capacity, presence FROM agents
          WHERE tenant_id = $1 AND team_id IS NOT NULL ORDER BY created_at, id`,
        [tenant.id],
      ),
      db.query<{ agent_id: string; skill: string; level: number }>(
        'SELECT agent_id, skill, level FROM agent_skills WHERE tenant_id = $1',
        [tenant.id],
      ),
    ]);
    const skillsByAgent = new Map<string, Map<string, number>>();
    for (const row of skillRows) {
      const skills = skillsByAgent.get(row.agent_id) ?? new Map<string, number>();
      skills.set(row.skill, row.level);
      skillsByAgent.set(row.agent_id, skills);
    }
    const agentsByTeam = new Map<string, RoutingAgent[]>();
    for (const a of agentRows) {
      const list = agentsByTeam.get(a.team_id) ?? [];
      list.push({
        id: a.id,
        teamId: a.team_id,
        capacity: a.capacity,
        channelCapacity: new Map(Object.entries(a.channel_capacity ?? {})),
        presence: a.presence,
        skills: skillsByAgent.get(a.id) ?? new Map(),
      });
      agentsByTeam.set(a.team_id, list);
    }
    const rules = ruleRows.flatMap((r) => this.toRule(r));
    const teams = teamRows.map((t) => ({
      id: t.id,
      name: t.name,
      strategy: t.strategy,
      overflowTeamId: t.overflow_team_id,
      overflowAfterSeconds: t.overflow_after_seconds,
    }));
    return {
      tenantId: tenant.id,
      rules,
      teams: new Map(teams.map((t) => [t.id, t])),
      agentsByTeam,
      needsTicketDetails: rules.some((r) => needsTicketDetails(r.conditions)),
    };
  }

  private toRule(row: RuleRow): RoutingRule[] {
    const conditions = ruleConditionsSchema.safeParse(row.conditions);
    const requiredSkills = requiredSkillsSchema.safeParse(row.required_skills);
    const tags = ruleTagsSchema.safeParse(row.tags);
    if (!conditions.success || !requiredSkills.success || !tags.success) {
      const issues = [
        ...(conditions.error?.issues ?? []),
        ...(requiredSkills.error?.issues ?? []),
        ...(tags.error?.issues ?? []),
      ];
      this.log.error({ ruleId: row.id, issues }, 'routing rule is invalid; skipped');
      return [];
    }
    return [
      {
        id: row.id,
        name: row.name,
        position: row.position,
        conditions: conditions.data,
        teamId: row.team_id,
        priority: row.priority,
        requiredSkills: requiredSkills.data,
        tags: tags.data,
        slaPolicy: row.sla_policy,
        setCategory: row.set_category,
      },
    ];
  }
}
