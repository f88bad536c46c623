import type { LockedTicket } from '../lifecycle/locked-ticket';
import type { TicketStatus } from '../lifecycle/ticket-transitions';
import { mergeEvents } from './merge-events';

const ticket = (id: string, status: TicketStatus): LockedTicket => ({
  id,
  number: `SB-${id}`,
  status,
  assigneeId: null,
  teamId: null,
  mergedIntoId: null,
  archivedAt: null,
  closedAt: null,
  channel: 'email',
  tenantId: 't',
  tenantSlug: 'demo',
  incomplete: false,
  mergedInto: null,
  version: 1,
  reviewRequired: false,
  reviewerRole: null,
});

let ids = 0;
const ctx = {
  tenant: { id: 't', slug: 'demo', ticketPrefix: 'SB' },
  agentId: 'agent',
  occurredAt: new Date('2026-03-01T10:00:00Z'),
  newId: () => `e${++ids}`,
};

describe('mergeEvents', () => {
  const outcome = (sourceStatus: TicketStatus, repointed: LockedTicket[] = []) => ({
    survivor: ticket('a', 'assigned'),
    source: ticket('b', sourceStatus),
    repointed,
    movedMessageIds: ['m1', 'm2'],
    movedWatcherAgentIds: [],
    survivorMessagesBefore: 1,
    sourceClosedAt: new Date('2026-03-01T10:00:00Z'),
  });

  it('closes an open source with a status change and names each side in the proto payload', () => {
    const events = mergeEvents(ctx, outcome('in_progress'));
    expect(events.map((e) => [e.ticketId, e.type, e.payload.case])).toEqual([
      ['b', 'merged', 'merged'],
      ['b', 'status_changed', 'statusChanged'],
      ['a', 'merged', 'merged'],
    ]);
    const [onSource, , onSurvivor] = events;
    expect(onSource?.payload.value).toMatchObject({
      intoTicketId: 'a',
      fromTicketId: '',
      movedMessageIds: ['m1', 'm2'],
    });
    expect(onSurvivor?.payload.value).toMatchObject({ intoTicketId: '', fromTicketId: 'b' });
    expect(events.every((e) => e.source === 'agent_api' && e.actor.kind === 'agent' && e.actor.id === 'agent')).toBe(
      true,
    );
  });

  it('writes no status change for a source that was closed already, and re-points earlier merges', () => {
    const events = mergeEvents(ctx, outcome('closed', [ticket('x', 'closed')]));
    expect(events.map((e) => [e.ticketId, e.type])).toEqual([
      ['b', 'merged'],
      ['a', 'merged'],
      ['x', 'merged'],
    ]);
    expect(events[2]?.data).toMatchObject({ before: { mergedIntoId: 'b' }, after: { mergedIntoId: 'a' } });
  });
});
