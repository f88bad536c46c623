import { inTenant, type Database } from '@switchboard/persistence';
import { findEnabledTicketTypes, findTicketType } from '@switchboard/tickets';
import { TicketTypeException, TicketTypeExceptionCode } from './ticket-type.exception';
import { toTicketTypeView, type TicketTypeView } from './ticket-type.view';

/** GET /api/v1/ticket-types and /ticket-types/:key: every agent of the tenant may read them. */
export class ReadTicketTypesUseCase {
  constructor(private readonly db: Database) {}

  async list(tenantId: string): Promise<{ ticketTypes: TicketTypeView[] }> {
    const types = await inTenant(this.db, tenantId, (tx) => findEnabledTicketTypes(tx, [tenantId]));
    return { ticketTypes: types.map(toTicketTypeView) };
  }

  async get(tenantId: string, key: string): Promise<TicketTypeView> {
    const type = await inTenant(this.db, tenantId, (tx) => findTicketType(tx, tenantId, key));
    if (!type) throw new TicketTypeException(TicketTypeExceptionCode.TicketTypeNotFound, `No ticket type "${key}".`);
    return toTicketTypeView(type);
  }
}
