import type { SqlExecutor } from '@switchboard/persistence';
import {
  slaConditionsSchema,
  slaEscalationSchema,
  slaReminderSchema,
  slaTargetsSchema,
  type SlaPolicy,
} from './sla-policy';

export interface PolicyRow {
  id: string;
  tenant_id: string;
  key: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: unknown;
  calendar_id: string;
  targets: unknown;
  reminders: unknown;
  escalations: unknown;
  version: number;
  updated_at: Date;
}

export const POLICY_COLUMNS = `id, tenant_id, key, name, position, enabled, conditions, calendar_id, targets, reminders, escalations, version, updated_at`;

/** Stored JSON is parsed with the same schemas as the API input, so a bad row fails loudly here. */
export function toPolicy(row: PolicyRow): SlaPolicy {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    key: row.key,
    name: row.name,
    position: row.position,
    enabled: row.enabled,
    conditions: slaConditionsSchema.parse(row.conditions),
    calendarId: row.calendar_id,
    targets: slaTargetsSchema.parse(row.targets),
    reminders: slaReminderSchema.array().parse(row.reminders),
    escalations: slaEscalationSchema.array().parse(row.escalations),
    version: row.version,
  };
}

/** Every policy of the given tenants, by tenant. */
export async function policiesOf(tx: SqlExecutor, tenantIds: readonly string[]): Promise<Map<string, SlaPolicy[]>> {
  const byTenant = new Map<string, SlaPolicy[]>(tenantIds.map((t) => [t, []]));
  if (tenantIds.length === 0) return byTenant;
  const rows = await tx.query<PolicyRow>(
    `SELECT ${POLICY_COLUMNS} FROM sla_policies WHERE tenant_id = ANY($1::uuid[]) ORDER BY position`,
    [[...new Set(tenantIds)]],
  );
  for (const row of rows) byTenant.get(row.tenant_id)?.push(toPolicy(row));
  return byTenant;
}
