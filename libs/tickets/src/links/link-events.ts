import { TicketLinkedSchema, create } from '@switchboard/contracts';
import type { LockedTicket } from '../lifecycle/locked-ticket';
import { agentEvent, type ChangeContext } from '../relations/relation-change';
import type { AuditEvent } from '../shared/audit-event';
import { inverseLinkKind, type StoredLinkKind } from './link-kinds';

function linkedEvent(
  ctx: ChangeContext,
  ticket: LockedTicket,
  other: LockedTicket,
  kind: StoredLinkKind,
  removed: boolean,
): AuditEvent {
  return agentEvent(
    ctx,
    ticket.id,
    'linked',
    {
      before: { linked: removed },
      after: { linked: !removed },
      kind,
      otherTicketId: other.id,
      otherTicketNumber: other.number,
      removed,
    },
    { case: 'linked', value: create(TicketLinkedSchema, { otherTicketId: other.id, kind, removed }) },
  );
}

/** `linked` on both tickets, each naming the kind from its own side ("child" on one is "parent" on the other). */
export function linkEvents(
  ctx: ChangeContext,
  ticket: LockedTicket,
  other: LockedTicket,
  kind: StoredLinkKind,
  removed: boolean,
): AuditEvent[] {
  return [
    linkedEvent(ctx, ticket, other, kind, removed),
    linkedEvent(ctx, other, ticket, inverseLinkKind(kind), removed),
  ];
}
