import type { Logger } from '@switchboard/logger';
import type { SqlExecutor } from '@switchboard/persistence';
import { requiredSkillsSchema, ruleConditionsSchema, type RoutingRule } from '../rules/routing-rule';

export interface RoutingAgent {
  readonly id: string;
  readonly teamId: string;
  readonly capacity: number;
  readonly presence: 'online' | 'away' | 'offline';
  /** Skill → level (1–5). */
  readonly skills: ReadonlyMap<string, number>;
}

export interface TenantRouting {
  readonly tenantId: string;
  readonly rules: readonly RoutingRule[];
  readonly teams: ReadonlyMap<string, { readonly id: string; readonly name: string; readonly strategy: string }>;
  readonly agentsByTeam: ReadonlyMap<string, readonly RoutingAgent[]>;
}

interface RuleRow {
  id: string;
  name: string;
  position: number;
  conditions: unknown;
  required_skills: unknown;
  team_id: string;
  priority: RoutingRule['priority'];
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
        'SELECT id, name, position, conditions, required_skills, team_id, priority FROM routing_rules WHERE tenant_id = $1 AND enabled ORDER BY position',
        [tenant.id],
      ),
      db.query<{ id: string; name: string; strategy: string }>(
        'SELECT id, name, strategy FROM teams WHERE tenant_id = $1',
        [tenant.id],
      ),
      db.query<{ id: string; team_id: string; capacity: number; presence: RoutingAgent['presence'] }>(
        'SELECT id, team_id, capacity, presence FROM agents WHERE tenant_id = $1 AND team_id IS NOT NULL ORDER BY created_at, id',
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
        presence: a.presence,
        skills: skillsByAgent.get(a.id) ?? new Map(),
      });
      agentsByTeam.set(a.team_id, list);
    }
    return {
      tenantId: tenant.id,
      rules: ruleRows.flatMap((r) => this.toRule(r)),
      teams: new Map(teamRows.map((t) => [t.id, t])),
      agentsByTeam,
    };
  }

  private toRule(row: RuleRow): RoutingRule[] {
    const conditions = ruleConditionsSchema.safeParse(row.conditions);
    const requiredSkills = requiredSkillsSchema.safeParse(row.required_skills);
    if (!conditions.success || !requiredSkills.success) {
      const issues = [...(conditions.error?.issues ?? []), ...(requiredSkills.error?.issues ?? [])];
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
      },
    ];
  }
}
