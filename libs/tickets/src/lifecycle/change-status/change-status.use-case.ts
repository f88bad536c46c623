import { StatusChangedSchema, TicketReopenedSchema, create } from '@switchboard/contracts';
import { canSeeTicket, type LifecycleActor } from '../lifecycle-actor';
import type { LockedTicket } from '../locked-ticket.repository';
import type { PlannedChange, TicketChangeRunner } from '../ticket-change.runner';
import {
  invalidTransition,
  TicketLifecycleException,
  TicketLifecycleExceptionCode,
} from '../ticket-lifecycle.exception';
import type { TicketReference } from '../ticket-reference';
import type { TicketState } from '../locked-ticket.repository';
import {
  allowedTargets,
  isAllowedTransition,
  isReopen,
  resolutionTarget,
  type TicketStatus,
} from '../ticket-transitions';

export interface ChangeStatusCommand {
  readonly ref: TicketReference;
  readonly status: TicketStatus;
  readonly reason?: string;
}

/**
 * Moves a ticket along the lifecycle: start, wait for the customer, hold, resolve (or submit for
 * review when its type requires one), close and reopen. Whoever may see the ticket may move it.
 */
export class ChangeStatusUseCase {
  constructor(private readonly runner: TicketChangeRunner) {}

  execute(actor: LifecycleActor, command: ChangeStatusCommand): Promise<TicketState> {
    return this.runner.run(actor, command.ref, canSeeTicket, async (ticket) => planStatusChange(ticket, command));
  }
}

export function planStatusChange(ticket: LockedTicket, command: ChangeStatusCommand): PlannedChange {
  const context = { reviewRequired: ticket.reviewRequired };
  const to = resolutionTarget(command.status, context);
  if (!isAllowedTransition(ticket.status, to, 'status', context)) {
    throw invalidTransition(
      ticket.number,
      ticket.status,
      command.status,
      allowedTargets(ticket.status, 'status', context),
    );
  }
  if ((to === 'resolved' || to === 'review') && ticket.incomplete) {
    throw new TicketLifecycleException(
      TicketLifecycleExceptionCode.TicketIncomplete,
      `${ticket.number} lacks required fields of its type; fill them in before resolving.`,
    );
  }
  const reason = command.reason ?? '';
  const change = { status: to, teamId: ticket.teamId, assigneeId: ticket.assigneeId };
  const data = command.reason === undefined ? {} : { reason: command.reason };
  if (isReopen(ticket.status, to)) {
    return {
      change,
      type: 'reopened',
      payload: { case: 'reopened', value: create(TicketReopenedSchema, { reason }) },
      data: { ...data, reopenedFrom: ticket.status },
      reopened: true,
    };
  }
  return {
    change,
    type: 'status_changed',
    payload: { case: 'statusChanged', value: create(StatusChangedSchema, { from: ticket.status, to, reason }) },
    data,
  };
}
