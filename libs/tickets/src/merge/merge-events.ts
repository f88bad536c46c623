import { StatusChangedSchema, TicketMergedSchema, create } from '@switchboard/contracts';
import type { AuditEvent } from '../shared/audit-event';
import type { LockedTicket } from '../lifecycle/locked-ticket';
import { agentEvent, type ChangeContext } from '../relations/relation-change';

export interface MergeOutcome {
  readonly survivor: LockedTicket;
  readonly source: LockedTicket;
  /** Tickets merged into the source before, now pointing at the survivor. */
  readonly repointed: readonly LockedTicket[];
  readonly movedMessageIds: readonly string[];
  readonly movedWatcherAgentIds: readonly string[];
  readonly survivorMessagesBefore: number;
  readonly sourceClosedAt: Date;
}

/**
 * `merged` on both tickets (into_ticket_id on the absorbed one, from_ticket_id on the survivor) and,
 * when the absorbed ticket was not closed yet, its `status_changed` to closed; tickets that had been
 * merged into the absorbed one get a `merged` naming their new survivor.
 */
export function mergeEvents(ctx: ChangeContext, m: MergeOutcome): AuditEvent[] {
  const { survivor, source } = m;
  const moved = { movedMessageIds: m.movedMessageIds, movedWatcherAgentIds: m.movedWatcherAgentIds };
  const events = [
    agentEvent(
      ctx,
      source.id,
      'merged',
      {
        before: { status: source.status, mergedIntoId: null, closedAt: source.closedAt },
        after: { status: 'closed', mergedIntoId: survivor.id, closedAt: m.sourceClosedAt },
        intoTicketId: survivor.id,
        intoTicketNumber: survivor.number,
        ...moved,
      },
      {
        case: 'merged',
        value: create(TicketMergedSchema, { intoTicketId: survivor.id, movedMessageIds: [...m.movedMessageIds] }),
      },
    ),
  ];
  if (source.status !== 'closed') {
    events.push(
      agentEvent(
        ctx,
        source.id,
        'status_changed',
        { before: { status: source.status }, after: { status: 'closed' }, reason: 'merged' },
        {
          case: 'statusChanged',
          value: create(StatusChangedSchema, { from: source.status, to: 'closed', reason: 'merged' }),
        },
      ),
    );
  }
  events.push(
    agentEvent(
      ctx,
      survivor.id,
      'merged',
      {
        before: { messageCount: m.survivorMessagesBefore },
        after: { messageCount: m.survivorMessagesBefore + m.movedMessageIds.length },
        fromTicketId: source.id,
        fromTicketNumber: source.number,
        ...moved,
      },
      {
        case: 'merged',
        value: create(TicketMergedSchema, { fromTicketId: source.id, movedMessageIds: [...m.movedMessageIds] }),
      },
    ),
  );
  for (const earlier of m.repointed) {
    events.push(
      agentEvent(
        ctx,
        earlier.id,
        'merged',
        {
          before: { mergedIntoId: source.id },
          after: { mergedIntoId: survivor.id },
          intoTicketId: survivor.id,
          intoTicketNumber: survivor.number,
          reason: 'survivor_merged',
          movedMessageIds: [],
        },
        { case: 'merged', value: create(TicketMergedSchema, { intoTicketId: survivor.id }) },
      ),
    );
  }
  return events;
}
