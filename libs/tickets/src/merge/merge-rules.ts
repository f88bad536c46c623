import type { LockedTicket } from '../lifecycle/locked-ticket';
import { requireActive, requireTicket } from '../relations/relation-rules';
import { TicketRelationException, TicketRelationExceptionCode } from '../relations/ticket-relation.exception';

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
