import type { SqlExecutor } from '@switchboard/persistence';
import type { FieldValues } from '../ticket-types/field-validator';

/** A ticket's type and custom fields. */
export interface TicketFieldsState {
  readonly id: string;
  readonly number: string;
  readonly tenantSlug: string;
  readonly typeId: string | null;
  readonly fields: FieldValues;
  readonly incomplete: boolean;
}

/**
 * Reads a ticket's type and fields. A change locks the ticket first (lockChangeableTicket); a plain
 * read (GET /tickets/:ref/fields) needs no lock.
 */
export async function readTicketFields(
  tx: SqlExecutor,
  tenantId: string,
  ticketId: string,
): Promise<TicketFieldsState | undefined> {
  const rows = await tx.query<{
    id: string;
    number: string;
    slug: string;
    type_id: string | null;
    custom_fields: FieldValues;
    incomplete: boolean;
  }>(
    `SELECT t.id, t.number, tn.slug, t.type_id, t.custom_fields, t.incomplete
       FROM tickets t JOIN tenants tn ON tn.id = t.tenant_id
      WHERE t.tenant_id = $1 AND t.id = $2`,
    [tenantId, ticketId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    number: row.number,
    tenantSlug: row.slug,
    typeId: row.type_id,
    fields: row.custom_fields,
    incomplete: row.incomplete,
  };
}

export async function updateTicketFields(
  tx: SqlExecutor,
  tenantId: string,
  ticketId: string,
  change: { typeId: string; fields: FieldValues; incomplete: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE tickets SET type_id = $3, custom_fields = $4::jsonb, incomplete = $5, version = version + 1, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [tenantId, ticketId, change.typeId, JSON.stringify(change.fields), change.incomplete],
  );
}
