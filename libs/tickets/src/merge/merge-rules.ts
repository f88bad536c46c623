import type { LockedTicket } from './locked-ticket.repository';
import { TicketRelationException, TicketRelationExceptionCode } from './ticket-relation.exception';

/** An assigned ticket counts toward its agent's load until it is resolved or closed (as routing reconciles it). */
export function countsTowardLoad(ticket: Pick<LockedTicket, 'status' | 'assigneeId'>): boolean {
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

/** The survivor and the ticket merged into it, once both exist, differ and are neither merged nor archived. */
export function checkMerge(
  locked: ReadonlyMap<string, LockedTicket>,
  survivorId: string,
  sourceId: string,
): { survivor: LockedTicket; source: LockedTicket } {
  if (survivorId === sourceId) {
    throw new TicketRelationException(
      TicketRelationExceptionCode.MergeIntoItself,
      'A ticket cannot be merged into itself.',
      [survivorId],
    );
  }
  const survivor = requireActive(requireTicket(locked, survivorId));
  const source = requireActive(requireTicket(locked, sourceId));
  return { survivor, source };
}
