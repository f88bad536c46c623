import type { SqlExecutor } from '@switchboard/persistence';
import type { LifecycleActor } from './lifecycle-actor';
import { LockedTicketRepository, type LockedTicket } from './locked-ticket.repository';
import { TicketLifecycleException, TicketLifecycleExceptionCode } from './ticket-lifecycle.exception';
import type { TicketReference } from './ticket-reference';

/** Archived and merged tickets are read-only, whoever asks. */
export function assertChangeable(ticket: LockedTicket): void {
  if (ticket.archivedAt !== null) {
    throw new TicketLifecycleException(
      TicketLifecycleExceptionCode.TicketArchived,
      `${ticket.number} is archived and read-only.`,
    );
  }
  if (ticket.mergedInto !== null) {
    throw new TicketLifecycleException(
      TicketLifecycleExceptionCode.TicketMerged,
      `${ticket.number} was merged into ${ticket.mergedInto}; change that ticket instead.`,
    );
  }
}

/**
 * The one way a change to a ticket starts: lock the row (FOR UPDATE, so concurrent changes are
 * ordered), answer a ticket the actor may not reach exactly like a missing one, and refuse archived
 * and merged tickets. Lifecycle commands, replies and custom-field updates all go through it.
 */
export async function lockChangeableTicket(
  tx: SqlExecutor,
  actor: LifecycleActor,
  ref: TicketReference,
  reach: (actor: LifecycleActor, ticket: LockedTicket) => boolean,
): Promise<LockedTicket> {
  const ticket = await new LockedTicketRepository(tx).lock(actor.tenantId, ref);
  if (!ticket || !reach(actor, ticket)) {
    throw new TicketLifecycleException(TicketLifecycleExceptionCode.TicketNotFound, 'No such ticket.');
  }
  assertChangeable(ticket);
  return ticket;
}
