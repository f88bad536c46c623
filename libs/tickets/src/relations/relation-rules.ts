import type { LockedTicket } from '../lifecycle/locked-ticket';
import { TicketRelationException, TicketRelationExceptionCode } from './ticket-relation.exception';

/** An assigned ticket counts toward its agent's load until it is resolved or closed (as routing reconciles it). */
export function countsTowardLoad(ticket: { readonly status: string; readonly assigneeId: string | null }): boolean {
  return ticket.assigneeId !== null && ticket.status !== 'resolved' && ticket.status !== 'closed';
}

export function requireTicket(locked: ReadonlyMap<string, LockedTicket>, id: string): LockedTicket {
  const ticket = locked.get(id);
  if (!ticket) throw new TicketRelationException(TicketRelationExceptionCode.TicketNotFound, 'No such ticket.', [id]);
  return ticket;
}

/** Merged tickets are closed shells and archived tickets are frozen: neither takes part in a new relation. */
export function requireActive(ticket: LockedTicket): LockedTicket {
  if (ticket.mergedIntoId !== null) {
    throw new TicketRelationException(
      TicketRelationExceptionCode.TicketAlreadyMerged,
      `Ticket ${ticket.number} was already merged into another ticket.`,
      [ticket.id],
    );
  }
  if (ticket.archivedAt !== null) {
    throw new TicketRelationException(
      TicketRelationExceptionCode.TicketArchived,
      `Ticket ${ticket.number} is archived.`,
      [ticket.id],
    );
  }
  return ticket;
}
