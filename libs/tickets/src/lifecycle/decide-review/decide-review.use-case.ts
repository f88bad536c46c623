import type { AgentRole } from '@switchboard/auth';
import { ReviewDecidedSchema, create } from '@switchboard/contracts';
import { canSeeTicket, hasRoleAtLeast, type LifecycleActor } from '../lifecycle-actor';
import type { LockedTicket, TicketState } from '../locked-ticket.repository';
import type { PlannedChange, TicketChangeRunner } from '../ticket-change.runner';
import {
  invalidTransition,
  TicketLifecycleException,
  TicketLifecycleExceptionCode,
} from '../ticket-lifecycle.exception';
import type { TicketReference } from '../ticket-reference';
import { allowedTargets, type TicketStatus } from '../ticket-transitions';

export type ReviewDecision = 'approve' | 'reject';

export interface DecideReviewCommand {
  readonly ref: TicketReference;
  readonly decision: ReviewDecision;
  /** Required to reject: the assignee needs to know what to fix. */
  readonly reason?: string;
}

/** A ticket whose type stopped requiring review while it waited is still decided by a manager. */
const DEFAULT_REVIEWER_ROLE: AgentRole = 'manager';

function reviewerRoleOf(ticket: LockedTicket): AgentRole {
  return ticket.reviewerRole ?? DEFAULT_REVIEWER_ROLE;
}

/**
 * Who may decide a review: someone whose role is at least the type's reviewer role, who is not the
 * assignee (nobody approves their own work, admins included) and, below admin, belongs to the
 * ticket's team. With reviewer role `agent` that makes review a peer review inside the team.
 */
function isReviewer(actor: LifecycleActor, ticket: LockedTicket): boolean {
  return (
    hasRoleAtLeast(actor, reviewerRoleOf(ticket)) &&
    actor.id !== ticket.assigneeId &&
    (actor.role === 'admin' || (actor.teamId !== null && actor.teamId === ticket.teamId))
  );
}

function reachable(actor: LifecycleActor, ticket: LockedTicket): boolean {
  return canSeeTicket(actor, ticket) || (ticket.status === 'review' && isReviewer(actor, ticket));
}

/** Approve (review → resolved) or reject (review → in_progress, with a reason) a ticket waiting for review. */
export class DecideReviewUseCase {
  constructor(private readonly runner: TicketChangeRunner) {}

  execute(actor: LifecycleActor, command: DecideReviewCommand): Promise<TicketState> {
    return this.runner.run(actor, command.ref, reachable, async (ticket) => planReviewDecision(actor, ticket, command));
  }
}

export function planReviewDecision(
  actor: LifecycleActor,
  ticket: LockedTicket,
  command: DecideReviewCommand,
): PlannedChange {
  const to: TicketStatus = command.decision === 'approve' ? 'resolved' : 'in_progress';
  if (ticket.status !== 'review') {
    const allowed = allowedTargets(ticket.status, 'review', { reviewRequired: ticket.reviewRequired });
    throw invalidTransition(ticket.number, ticket.status, to, allowed);
  }
  if (!isReviewer(actor, ticket)) {
    throw new TicketLifecycleException(
      TicketLifecycleExceptionCode.Forbidden,
      `Reviews of ${ticket.number} are decided by a ${reviewerRoleOf(ticket)} or above of its team, not by its assignee.`,
    );
  }
  const reason = command.reason?.trim() ?? '';
  if (command.decision === 'reject' && reason === '') {
    const message = 'A rejection needs a reason.';
    throw new TicketLifecycleException(TicketLifecycleExceptionCode.ReasonRequired, message, [
      { field: 'reason', reason: 'required', message },
    ]);
  }
  if (to === 'resolved' && ticket.incomplete) {
    throw new TicketLifecycleException(
      TicketLifecycleExceptionCode.TicketIncomplete,
      `${ticket.number} lacks required fields of its type; fill them in before resolving.`,
    );
  }
  return {
    change: { status: to, teamId: ticket.teamId, assigneeId: ticket.assigneeId },
    type: 'review_decided',
    payload: { case: 'reviewDecided', value: create(ReviewDecidedSchema, { approved: to === 'resolved', reason }) },
    data: { decision: command.decision, ...(reason === '' ? {} : { reason }) },
  };
}
