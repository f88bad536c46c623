/** Every status a ticket can have; the tickets_status_known CHECK in the schema lists the same. */
export const TICKET_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'pending_customer',
  'on_hold',
  'review',
  'resolved',
  'closed',
] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * How a transition is asked for: `status` by POST .../status, `assignment` by assigning an agent,
 * `transfer` by moving the ticket to another team, `review` by a reviewer's decision.
 */
export type TransitionTrigger = 'status' | 'assignment' | 'transfer' | 'review';

/** `review_only`: taken instead of resolving when the ticket's type requires review; `no_review`: only without. */
type ReviewCondition = 'any' | 'review_only' | 'no_review';

interface TransitionRule {
  readonly from: readonly TicketStatus[];
  readonly to: TicketStatus;
  readonly trigger: TransitionTrigger;
  readonly review?: ReviewCondition;
}

/** Statuses in which someone works on the ticket; from these it can be resolved, assigned or transferred. */
export const WORKING_STATUSES = ['assigned', 'in_progress', 'pending_customer', 'on_hold'] as const;
const OPEN_STATUSES = ['new', ...WORKING_STATUSES] as const;

/** The lifecycle, defined once. A self-transition under `assignment` means "reassign, keep the status". */
const TRANSITIONS: readonly TransitionRule[] = [
  { from: ['assigned', 'pending_customer', 'on_hold'], to: 'in_progress', trigger: 'status' },
  { from: ['in_progress'], to: 'pending_customer', trigger: 'status' },
  { from: ['in_progress'], to: 'on_hold', trigger: 'status' },
  { from: WORKING_STATUSES, to: 'resolved', trigger: 'status', review: 'no_review' },
  { from: WORKING_STATUSES, to: 'review', trigger: 'status', review: 'review_only' },
  { from: ['resolved'], to: 'closed', trigger: 'status' },
  { from: ['resolved', 'closed'], to: 'in_progress', trigger: 'status' },
  { from: ['review'], to: 'resolved', trigger: 'review' },
  { from: ['review'], to: 'in_progress', trigger: 'review' },
  { from: ['new'], to: 'assigned', trigger: 'assignment' },
  ...WORKING_STATUSES.map((status) => ({ from: [status], to: status, trigger: 'assignment' as const })),
  { from: OPEN_STATUSES, to: 'new', trigger: 'transfer' },
  { from: OPEN_STATUSES, to: 'assigned', trigger: 'transfer' },
];

export interface TransitionContext {
  /** The ticket's type requires a reviewer's approval before it is resolved. */
  readonly reviewRequired: boolean;
}

function appliesTo(rule: TransitionRule, context: TransitionContext): boolean {
  switch (rule.review ?? 'any') {
    case 'any':
      return true;
    case 'review_only':
      return context.reviewRequired;
    case 'no_review':
      return !context.reviewRequired;
  }
}

/** The statuses a ticket in `from` may move to by `trigger`, in the order of TICKET_STATUSES. */
export function allowedTargets(
  from: TicketStatus,
  trigger: TransitionTrigger,
  context: TransitionContext,
): TicketStatus[] {
  const targets = new Set(
    TRANSITIONS.filter((rule) => rule.trigger === trigger && rule.from.includes(from) && appliesTo(rule, context)).map(
      (rule) => rule.to,
    ),
  );
  return TICKET_STATUSES.filter((status) => targets.has(status));
}

export function isAllowedTransition(
  from: TicketStatus,
  to: TicketStatus,
  trigger: TransitionTrigger,
  context: TransitionContext,
): boolean {
  return allowedTargets(from, trigger, context).includes(to);
}

/**
 * What "resolve" means for this ticket: resolved, or review when its type requires a reviewer first.
 * Asking a review-required ticket for `resolved` submits it for review instead of refusing.
 */
export function resolutionTarget(requested: TicketStatus, context: TransitionContext): TicketStatus {
  return requested === 'resolved' && context.reviewRequired ? 'review' : requested;
}

/** Moving out of resolved or closed back into work is a reopen (counted, and announced as TicketReopened). */
export function isReopen(from: TicketStatus, to: TicketStatus): boolean {
  return (from === 'resolved' || from === 'closed') && to === 'in_progress';
}

/** An agent carries load for a ticket assigned to them until it is resolved or closed (routing's count). */
export function holdsCapacity(status: TicketStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}
