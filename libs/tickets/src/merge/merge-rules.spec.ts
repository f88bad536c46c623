import type { LockedTicket } from '../lifecycle/locked-ticket';
import { countsTowardLoad } from '../relations/relation-rules';
import { checkMerge } from './merge-rules';
import { TicketRelationException, TicketRelationExceptionCode } from '../relations/ticket-relation.exception';

const ticket = (id: string, over: Partial<LockedTicket> = {}): LockedTicket => ({
  id,
  number: `SB-${id}`,
  status: 'assigned',
  assigneeId: 'agent',
  teamId: 'team',
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
  ...over,
});

function refusal(fn: () => unknown): TicketRelationExceptionCode | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof TicketRelationException) return error.code;
    throw error;
  }
  return undefined;
}

describe('checkMerge', () => {
  const locked = (...tickets: LockedTicket[]) => new Map(tickets.map((t) => [t.id, t]));

  it('returns survivor and source when both are active', () => {
    const { survivor, source } = checkMerge(locked(ticket('a'), ticket('b')), 'a', 'b');
    expect([survivor.id, source.id]).toEqual(['a', 'b']);
  });

  it('refuses a merge into itself before looking anything up', () => {
    expect(refusal(() => checkMerge(locked(), 'a', 'a'))).toBe(TicketRelationExceptionCode.MergeIntoItself);
  });

  it('refuses a missing ticket, a merged one on either side and an archived one', () => {
    expect(refusal(() => checkMerge(locked(ticket('a')), 'a', 'b'))).toBe(TicketRelationExceptionCode.TicketNotFound);
    expect(refusal(() => checkMerge(locked(ticket('a', { mergedIntoId: 'x' }), ticket('b')), 'a', 'b'))).toBe(
      TicketRelationExceptionCode.TicketAlreadyMerged,
    );
    expect(refusal(() => checkMerge(locked(ticket('a'), ticket('b', { mergedIntoId: 'x' })), 'a', 'b'))).toBe(
      TicketRelationExceptionCode.TicketAlreadyMerged,
    );
    expect(refusal(() => checkMerge(locked(ticket('a'), ticket('b', { archivedAt: new Date() })), 'a', 'b'))).toBe(
      TicketRelationExceptionCode.TicketArchived,
    );
  });
});

describe('countsTowardLoad', () => {
  it('counts assigned open tickets only', () => {
    expect(countsTowardLoad({ status: 'in_progress', assigneeId: 'x' })).toBe(true);
    expect(countsTowardLoad({ status: 'resolved', assigneeId: 'x' })).toBe(false);
    expect(countsTowardLoad({ status: 'closed', assigneeId: 'x' })).toBe(false);
    expect(countsTowardLoad({ status: 'new', assigneeId: null })).toBe(false);
  });
});
