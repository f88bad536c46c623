import { AgentApiException, AgentApiExceptionCode } from '../../agent-api.exception';
import type { Agent } from '../../agents/agent.repository';
import type { TicketReadRepository, TicketRef } from '../ticket-read.repository';
import type { TicketView } from '../ticket.view';
import { ticketVisibilityOf } from '../ticket-visibility';

/**
 * The ticket if the caller may see it. Changing a ticket's relations needs the same right as reading
 * it, on every ticket involved; one the caller may not see answers exactly like one that does not exist.
 */
export async function visibleTicket(tickets: TicketReadRepository, caller: Agent, ref: TicketRef): Promise<TicketView> {
  const ticket = await tickets.findTicket(caller.tenantId, ref, ticketVisibilityOf(caller));
  if (!ticket) throw new AgentApiException(AgentApiExceptionCode.TicketNotFound, 'No such ticket.');
  return ticket;
}
