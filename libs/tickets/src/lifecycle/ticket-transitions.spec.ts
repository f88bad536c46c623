import { capacityEffectsOf } from './capacity-effects';
import {
  allowedTargets,
  isAllowedTransition,
  isReopen,
  resolutionTarget,
  TICKET_STATUSES,
  type TicketStatus,
  type TransitionTrigger,
} from './ticket-transitions';

const plain = { reviewRequired: false };
const reviewed = { reviewRequired: true };

type Edge = readonly [TicketStatus, TicketStatus, TransitionTrigger];

const ALLOWED_WITHOUT_REVIEW: readonly Edge[] = [
  ['assigned', 'in_progress', 'status'],
  ['pending_customer', 'in_progress', 'status'],
  ['on_hold', 'in_progress', 'status'],
  ['in_progress', 'pending_customer', 'status'],
  ['in_progress', 'on_hold', 'status'],
  ['assigned', 'resolved', 'status'],
  ['in_progress', 'resolved', 'status'],
  ['pending_customer', 'resolved', 'status'],
  ['on_hold', 'resolved', 'status'],
  ['resolved', 'closed', 'status'],
  ['resolved', 'in_progress', 'status'],
  ['closed', 'in_progress', 'status'],
  ['review', 'resolved', 'review'],
  ['review', 'in_progress', 'review'],
  ['new', 'assigned', 'assignment'],
  ['assigned', 'assigned', 'assignment'],
  ['in_progress', 'in_progress', 'assignment'],
  ['pending_customer', 'pending_customer', 'assignment'],
  ['on_hold', 'on_hold', 'assignment'],
  ...(['new', 'assigned', 'in_progress', 'pending_customer', 'on_hold'] as const).flatMap((from) => [
    [from, 'new', 'transfer'] as const,
    [from, 'assigned', 'transfer'] as const,
  ]),
];

const TRIGGERS: readonly TransitionTrigger[] = ['status', 'assignment', 'transfer', 'review'];

describe('ticket transitions', () => {
  it.each(ALLOWED_WITHOUT_REVIEW)('allows %s → %s by %s', (from, to, trigger) => {
    expect(isAllowedTransition(from, to, trigger, plain)).toBe(true);
  });

  it('allows nothing else: every other (from, to, trigger) is refused', () => {
    const allowed = new Set(ALLOWED_WITHOUT_REVIEW.map((edge) => edge.join('>')));
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        for (const trigger of TRIGGERS) {
          const expected = allowed.has([from, to, trigger].join('>'));
          expect([from, to, trigger, isAllowedTransition(from, to, trigger, plain)]).toEqual([
            from,
            to,
            trigger,
            expected,
          ]);
        }
      }
    }
  });

  it.each([
    ['new', 'in_progress'],
    ['new', 'resolved'],
    ['assigned', 'closed'],
    ['in_progress', 'review'],
    ['pending_customer', 'on_hold'],
    ['review', 'resolved'],
    ['closed', 'resolved'],
    ['resolved', 'on_hold'],
  ] as const)('refuses %s → %s by a status change', (from, to) => {
    expect(isAllowedTransition(from, to, 'status', plain)).toBe(false);
  });

  it('sends a review-required ticket to review instead of resolved', () => {
    expect(allowedTargets('in_progress', 'status', reviewed)).toEqual(['pending_customer', 'on_hold', 'review']);
    expect(isAllowedTransition('in_progress', 'resolved', 'status', reviewed)).toBe(false);
    expect(resolutionTarget('resolved', reviewed)).toBe('review');
    expect(resolutionTarget('resolved', plain)).toBe('resolved');
    expect(resolutionTarget('on_hold', reviewed)).toBe('on_hold');
  });

  it('lists the allowed targets in status order', () => {
    expect(allowedTargets('resolved', 'status', plain)).toEqual(['in_progress', 'closed']);
    expect(allowedTargets('review', 'status', plain)).toEqual([]);
    expect(allowedTargets('review', 'review', reviewed)).toEqual(['in_progress', 'resolved']);
  });

  it('counts only moves from resolved or closed back to work as reopens', () => {
    expect(isReopen('resolved', 'in_progress')).toBe(true);
    expect(isReopen('closed', 'in_progress')).toBe(true);
    expect(isReopen('review', 'in_progress')).toBe(false);
    expect(isReopen('on_hold', 'in_progress')).toBe(false);
  });
});

describe('capacity effects', () => {
  it.each([
    ['assign', { status: 'new', assigneeId: null }, { status: 'assigned', assigneeId: 'a' }, null, 'a'],
    ['reassign', { status: 'in_progress', assigneeId: 'a' }, { status: 'in_progress', assigneeId: 'b' }, 'a', 'b'],
    ['transfer to a queue', { status: 'assigned', assigneeId: 'a' }, { status: 'new', assigneeId: null }, 'a', null],
    ['resolve', { status: 'in_progress', assigneeId: 'a' }, { status: 'resolved', assigneeId: 'a' }, 'a', null],
    [
      'submit for review',
      { status: 'in_progress', assigneeId: 'a' },
      { status: 'review', assigneeId: 'a' },
      null,
      null,
    ],
    ['close', { status: 'resolved', assigneeId: 'a' }, { status: 'closed', assigneeId: 'a' }, null, null],
    ['reopen', { status: 'closed', assigneeId: 'a' }, { status: 'in_progress', assigneeId: 'a' }, null, 'a'],
    ['hold', { status: 'in_progress', assigneeId: 'a' }, { status: 'on_hold', assigneeId: 'a' }, null, null],
  ] as const)('%s', (_name, before, after, release, reserve) => {
    expect(capacityEffectsOf(before, after)).toEqual({ release, reserve });
  });
});
