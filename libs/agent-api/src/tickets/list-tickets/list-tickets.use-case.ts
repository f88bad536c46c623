import { AgentApiException, AgentApiExceptionCode } from '../../agent-api.exception';
import type { Agent } from '../../agents/agent.repository';
import { encodeTicketCursor } from '../ticket-cursor';
import type { TicketReadRepository } from '../ticket-read.repository';
import type { TicketView } from '../ticket.view';
import { ticketVisibilityOf, type AssigneeFilter } from '../ticket-visibility';
import type { AssigneeParam, ListTicketsQuery } from './list-tickets.query';

export interface TicketListView {
  readonly tickets: readonly TicketView[];
  readonly nextCursor: string | null;
}

/** Agents see only their own tickets, so their list defaults to `me`; others default to all they see. */
function assigneeFilterOf(caller: Agent, assignee: AssigneeParam | undefined): AssigneeFilter {
  const requested = assignee ?? (caller.role === 'agent' ? { kind: 'me' } : undefined);
  switch (requested?.kind) {
    case undefined:
      return { kind: 'any' };
    case 'me':
      return { kind: 'agent', agentId: caller.id };
    case 'unassigned':
    case 'agent':
      return requested;
  }
}

function assertAllowed(caller: Agent, filter: AssigneeFilter): void {
  const ownTickets = filter.kind === 'agent' && filter.agentId === caller.id;
  if (caller.role === 'agent' && !ownTickets) {
    throw new AgentApiException(AgentApiExceptionCode.Forbidden, 'Agents can list only the tickets assigned to them.');
  }
}

export class ListTicketsUseCase {
  constructor(private readonly tickets: TicketReadRepository) {}

  async execute(caller: Agent, query: ListTicketsQuery): Promise<TicketListView> {
    const assignee = assigneeFilterOf(caller, query.assignee);
    assertAllowed(caller, assignee);
    const page = await this.tickets.findTickets(caller.tenantId, {
      visibility: ticketVisibilityOf(caller),
      assignee,
      limit: query.limit,
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.before ? { before: query.before } : {}),
    });
    return { tickets: page.tickets, nextCursor: page.next ? encodeTicketCursor(page.next) : null };
  }
}
