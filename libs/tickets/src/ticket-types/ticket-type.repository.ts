import { newId } from '@switchboard/ids';
import type { SqlExecutor } from '@switchboard/persistence';
import type { FieldSchema, LayoutSection, ReviewerRole, TicketType } from './ticket-type';

interface TicketTypeRow {
  id: string;
  tenant_id: string;
  key: string;
  name: string;
  description: string;
  review_required: boolean;
  reviewer_role: ReviewerRole | null;
  field_schema: FieldSchema;
  layout: LayoutSection[];
  enabled: boolean;
  updated_at: Date;
}

/** What an admin saves (or the seed writes) for one type key. */
export interface TicketTypeDefinition {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly reviewRequired: boolean;
  readonly reviewerRole: ReviewerRole | null;
  readonly fieldSchema: FieldSchema;
  readonly layout: readonly LayoutSection[];
  readonly enabled: boolean;
}

const COLUMNS = `id, tenant_id, key, name, description, review_required, reviewer_role, field_schema, layout, enabled, updated_at`;

function toTicketType(row: TicketTypeRow): TicketType {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    key: row.key,
    name: row.name,
    description: row.description,
    reviewRequired: row.review_required,
    reviewerRole: row.reviewer_role,
    fieldSchema: row.field_schema,
    layout: row.layout,
    enabled: row.enabled,
    updatedAt: row.updated_at,
  };
}

/** The enabled types of several tenants at once (the ingest batch asks for all its tenants). */
export async function findEnabledTicketTypes(tx: SqlExecutor, tenantIds: readonly string[]): Promise<TicketType[]> {
  if (tenantIds.length === 0) return [];
  const rows = await tx.query<TicketTypeRow>(
    `SELECT ${COLUMNS} FROM ticket_types WHERE tenant_id = ANY($1::uuid[]) AND enabled ORDER BY tenant_id, key`,
    [[...new Set(tenantIds)]],
  );
  return rows.map(toTicketType);
}

export async function findTicketType(tx: SqlExecutor, tenantId: string, key: string): Promise<TicketType | undefined> {
  const rows = await tx.query<TicketTypeRow>(`SELECT ${COLUMNS} FROM ticket_types WHERE tenant_id = $1 AND key = $2`, [
    tenantId,
    key,
  ]);
  const row = rows[0];
  return row ? toTicketType(row) : undefined;
}

export async function findTicketTypeById(
  tx: SqlExecutor,
  tenantId: string,
  id: string,
): Promise<TicketType | undefined> {
  const rows = await tx.query<TicketTypeRow>(`SELECT ${COLUMNS} FROM ticket_types WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ]);
  const row = rows[0];
  return row ? toTicketType(row) : undefined;
}

function definitionParams(tenantId: string, d: TicketTypeDefinition): unknown[] {
  return [
    newId(),
    tenantId,
    d.key,
    d.name,
    d.description,
    d.reviewRequired,
    d.reviewerRole,
    JSON.stringify(d.fieldSchema),
    JSON.stringify(d.layout),
    d.enabled,
  ];
}

const INSERT = `INSERT INTO ticket_types (id, tenant_id, key, name, description, review_required, reviewer_role, field_schema, layout, enabled)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`;

/** Creates the type or replaces its definition; `created` tells which. */
export async function saveTicketType(
  tx: SqlExecutor,
  tenantId: string,
  definition: TicketTypeDefinition,
): Promise<{ type: TicketType; created: boolean }> {
  const rows = await tx.query<TicketTypeRow & { created: boolean }>(
    `${INSERT}
     ON CONFLICT (tenant_id, key) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
       review_required = EXCLUDED.review_required, reviewer_role = EXCLUDED.reviewer_role,
       field_schema = EXCLUDED.field_schema, layout = EXCLUDED.layout, enabled = EXCLUDED.enabled, updated_at = now()
     RETURNING ${COLUMNS}, (xmax = 0) AS created`,
    definitionParams(tenantId, definition),
  );
  const row = rows[0];
  if (!row) throw new Error(`saving ticket type ${definition.key} returned no row`);
  return { type: toTicketType(row), created: row.created };
}

/** Adds the definitions whose key the tenant does not have yet; existing (maybe edited) types stay as they are. */
export async function insertMissingTicketTypes(
  tx: SqlExecutor,
  tenantId: string,
  definitions: readonly TicketTypeDefinition[],
): Promise<number> {
  let inserted = 0;
  for (const definition of definitions) {
    const rows = await tx.query(
      `${INSERT} ON CONFLICT (tenant_id, key) DO NOTHING RETURNING id`,
      definitionParams(tenantId, definition),
    );
    inserted += rows.length;
  }
  return inserted;
}
