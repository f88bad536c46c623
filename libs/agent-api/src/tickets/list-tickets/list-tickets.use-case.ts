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

/**
 * An agent's list defaults to `me` (their queue is `unassigned`); others default to all they see. The
 * filter only narrows: the policy's query scope decides what any filter can show.
 */
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

export class ListTicketsUseCase {
  constructor(private readonly tickets: TicketReadRepository) {}

  async execute(caller: Agent, query: ListTicketsQuery): Promise<TicketListView> {
    const assignee = assigneeFilterOf(caller, query.assignee);
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
