import type { SqlExecutor } from '@switchboard/persistence';
import { DEFAULT_TICKET_TYPES } from './ticket-type-catalog';
import { insertMissingTicketTypes } from './ticket-type.repository';

/** Gives a tenant the default ticket types it lacks; safe to run again (types an admin edited stay as they are). */
export async function seedTicketTypes(tx: SqlExecutor, tenantId: string): Promise<number> {
  return insertMissingTicketTypes(tx, tenantId, DEFAULT_TICKET_TYPES);
}
