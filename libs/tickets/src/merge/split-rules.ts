import { TicketRelationException, TicketRelationExceptionCode } from '../relations/ticket-relation.exception';

/**
 * A split moves some of a ticket's messages, never all of them: the ids must be on the ticket and at
 * least one of its messages must stay. Returns the ids to move in the ticket's conversation order.
 */
export function planSplit(ticketMessageIds: readonly string[], requested: readonly string[]): string[] {
  const onTicket = new Set(ticketMessageIds);
  const missing = [...new Set(requested)].filter((id) => !onTicket.has(id));
  if (missing.length > 0) {
    throw new TicketRelationException(
      TicketRelationExceptionCode.MessagesNotOnTicket,
      'Some messages are not on this ticket.',
      missing,
    );
  }
  const wanted = new Set(requested);
  const moving = ticketMessageIds.filter((id) => wanted.has(id));
  if (moving.length === ticketMessageIds.length) {
    throw new TicketRelationException(
      TicketRelationExceptionCode.SplitWouldEmptyTicket,
      'At least one message must stay on the ticket; merge or close it instead.',
    );
  }
  return moving;
}
