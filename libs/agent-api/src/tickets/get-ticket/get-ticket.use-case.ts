import { AgentApiException, AgentApiExceptionCode } from '../../agent-api.exception';
import type { Agent } from '../../agents/agent.repository';
import type { TicketReadRepository } from '../ticket-read.repository';
import type { TicketDetailView } from '../ticket.view';
import { ticketVisibilityOf } from '../ticket-visibility';
import type { GetTicketParams } from './get-ticket.query';

export class GetTicketUseCase {
  constructor(private readonly tickets: TicketReadRepository) {}

  /** A ticket the caller may not see answers exactly like one that does not exist. */
  async execute(caller: Agent, params: GetTicketParams): Promise<TicketDetailView> {
    const ticket = await this.tickets.findTicket(caller.tenantId, params.ref, ticketVisibilityOf(caller));
    if (!ticket) throw new AgentApiException(AgentApiExceptionCode.TicketNotFound, 'No such ticket.');
    const [messages, history] = await Promise.all([
      this.tickets.findMessages(caller.tenantId, ticket.id),
      this.tickets.findHistory(caller.tenantId, ticket.id),
    ]);
    return { ...ticket, messages, history };
  }
}
