import type { SqlExecutor } from '@switchboard/persistence';
import type { RequiredSkills, RuleConditions } from '../rules/routing-rule';
import type { RoutingRuleDraft } from './routing-rule-draft.command';

/** A rule as the admin API shows it. */
export interface RoutingRuleView {
  readonly id: string;
  readonly name: string;
  readonly position: number;
  readonly enabled: boolean;
  readonly conditions: RuleConditions;
  readonly requiredSkills: RequiredSkills;
  readonly teamId: string;
  readonly priority: RoutingRuleDraft['priority'];
  readonly tags: readonly string[];
  readonly slaPolicy: string | null;
  readonly setCategory: string | null;
  readonly version: number;
  readonly updatedAt: string;
}

/** A version a save replaced, newest first in the history. */
export interface RoutingRuleVersionView extends Omit<RoutingRuleView, 'id' | 'updatedAt'> {
  readonly ruleId: string;
  readonly validFrom: string;
  readonly replacedAt: string;
  readonly replacedBy: string | null;
}

interface RuleRow {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: RuleConditions;
  required_skills: RequiredSkills;
  team_id: string;
  priority: RoutingRuleDraft['priority'];
  tags: string[];
  sla_policy: string | null;
  set_category: string | null;
  version: number;
  updated_at: Date;
}

interface VersionRow extends Omit<RuleRow, 'id' | 'updated_at'> {
  rule_id: string;
  valid_from: Date;
  replaced_at: Date;
  replaced_by: string | null;
}

/** What a rule holds besides its id and version; a version row copies exactly these. */
const BODY_COLUMNS =
  'name, position, enabled, conditions, team_id, priority, required_skills, tags, sla_policy, set_category';
const RULE_COLUMNS = `id, ${BODY_COLUMNS}, version, updated_at`;

/** The fields a rule and each of its archived versions share. */
function ruleBody(row: RuleRow | VersionRow) {
  return {
    name: row.name,
    position: row.position,
    enabled: row.enabled,
    conditions: row.conditions,
    requiredSkills: row.required_skills,
    teamId: row.team_id,
    priority: row.priority,
    tags: row.tags,
    slaPolicy: row.sla_policy,
    setCategory: row.set_category,
    version: row.version,
  };
}

function toView(row: RuleRow): RoutingRuleView {
  return { id: row.id, ...ruleBody(row), updatedAt: new Date(row.updated_at).toISOString() };
}

function toVersionView(row: VersionRow): RoutingRuleVersionView {
  return {
    ruleId: row.rule_id,
    ...ruleBody(row),
    validFrom: new Date(row.valid_from).toISOString(),
    replacedAt: new Date(row.replaced_at).toISOString(),
    replacedBy: row.replaced_by,
  };
}

/** routing_rules and routing_rule_versions, always scoped to one tenant. */
export class RoutingRuleAdminRepository {
  async listRules(db: SqlExecutor, tenantId: string): Promise<RoutingRuleView[]> {
    const rows = await db.query<RuleRow>(
      `SELECT ${RULE_COLUMNS} FROM routing_rules WHERE tenant_id = $1 ORDER BY position`,
      [tenantId],
    );
    return rows.map(toView);
  }

  /** Locks the rule's row: concurrent saves of one rule take versions one after another. */
  async lockRule(db: SqlExecutor, tenantId: string, ruleId: string): Promise<RoutingRuleView | undefined> {
    const rows = await db.query<RuleRow>(
      `SELECT ${RULE_COLUMNS} FROM routing_rules WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, ruleId],
    );
    return rows[0] ? toView(rows[0]) : undefined;
  }

  async teamExists(db: SqlExecutor, tenantId: string, teamId: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM teams WHERE tenant_id = $1 AND id = $2`, [tenantId, teamId]);
    return rows.length > 0;
  }

  async positionTakenByOther(db: SqlExecutor, tenantId: string, position: number, ruleId: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM routing_rules WHERE tenant_id = $1 AND position = $2 AND id <> $3`, [
      tenantId,
      position,
      ruleId,
    ]);
    return rows.length > 0;
  }

  async insertRule(
    db: SqlExecutor,
    tenantId: string,
    ruleId: string,
    draft: RoutingRuleDraft,
  ): Promise<RoutingRuleView> {
    const rows = await db.query<RuleRow>(
      `INSERT INTO routing_rules (id, tenant_id, ${BODY_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${RULE_COLUMNS}`,
      [ruleId, tenantId, ...draftValues(draft)],
    );
    return toView(firstRow(rows));
  }

  /** Copies the rule as it is now into its history, before a save replaces it. */
  async archiveCurrent(
    db: SqlExecutor,
    tenantId: string,
    ruleId: string,
    versionId: string,
    actorId: string,
  ): Promise<void> {
    await db.query(
      `INSERT INTO routing_rule_versions (id, tenant_id, rule_id, version, valid_from, replaced_by, ${BODY_COLUMNS})
       SELECT $3, tenant_id, id, version, updated_at, $4, ${BODY_COLUMNS}
       FROM routing_rules WHERE tenant_id = $1 AND id = $2`,
      [tenantId, ruleId, versionId, actorId],
    );
  }

  async replaceRule(
    db: SqlExecutor,
    tenantId: string,
    ruleId: string,
    draft: RoutingRuleDraft,
  ): Promise<RoutingRuleView> {
    const rows = await db.query<RuleRow>(
      `UPDATE routing_rules SET name = $3, position = $4, enabled = $5, conditions = $6, team_id = $7, priority = $8,
              required_skills = $9, tags = $10, sla_policy = $11, set_category = $12,
              version = version + 1, updated_at = clock_timestamp()
       WHERE tenant_id = $1 AND id = $2 RETURNING ${RULE_COLUMNS}`,
      [tenantId, ruleId, ...draftValues(draft)],
    );
    return toView(firstRow(rows));
  }

  async listVersions(db: SqlExecutor, tenantId: string, ruleId: string): Promise<RoutingRuleVersionView[]> {
    const rows = await db.query<VersionRow>(
      `SELECT rule_id, version, ${BODY_COLUMNS}, valid_from, replaced_at, replaced_by
       FROM routing_rule_versions WHERE tenant_id = $1 AND rule_id = $2 ORDER BY version DESC`,
      [tenantId, ruleId],
    );
    return rows.map(toVersionView);
  }
}

function draftValues(draft: RoutingRuleDraft): unknown[] {
  return [
    draft.name,
    draft.position,
    draft.enabled,
    JSON.stringify(draft.conditions),
    draft.teamId,
    draft.priority,
    JSON.stringify(draft.requiredSkills),
    draft.tags,
    draft.slaPolicy,
    draft.setCategory,
  ];
}

function firstRow(rows: readonly RuleRow[]): RuleRow {
  const row = rows[0];
  if (!row) throw new Error('routing_rules statement returned no row');
  return row;
}
