import { inTenant, type Database } from '@switchboard/persistence';
import {
  FieldValidator,
  findTicketTypeById,
  missingFields,
  readTicketFields,
  type TicketFieldsView,
} from '@switchboard/tickets';
import { AgentApiException, AgentApiExceptionCode } from '../agent-api.exception';
import type { Agent } from '../agents/agent.repository';
import type { GetTicketParams } from '../tickets/get-ticket/get-ticket.query';
import { TicketReadRepository } from '../tickets/ticket-read.repository';
import { ticketVisibilityOf } from '../tickets/ticket-visibility';

/** GET /api/v1/tickets/:ref/fields — a ticket's type, custom fields and what is still missing. */
export class GetTicketFieldsUseCase {
  constructor(private readonly db: Database) {}

  async execute(caller: Agent, params: GetTicketParams): Promise<TicketFieldsView> {
    return inTenant(this.db, caller.tenantId, async (tx) => {
      const visible = await new TicketReadRepository(tx).findTicket(
        caller.tenantId,
        params.ref,
        ticketVisibilityOf(caller),
      );
      const ticket = visible ? await readTicketFields(tx, caller.tenantId, visible.id) : undefined;
      if (!ticket) throw new AgentApiException(AgentApiExceptionCode.TicketNotFound, 'No such ticket.');
      const type = ticket.typeId ? await findTicketTypeById(tx, caller.tenantId, ticket.typeId) : undefined;
      const base = { ticketId: ticket.id, number: ticket.number, fields: ticket.fields, incomplete: ticket.incomplete };
      if (!type) return { ...base, ticketType: null, missingFields: [] };
      const missing = missingFields(new FieldValidator(type.fieldSchema).check(ticket.fields).errors);
      return { ...base, ticketType: type.key, missingFields: missing };
    });
  }
}
