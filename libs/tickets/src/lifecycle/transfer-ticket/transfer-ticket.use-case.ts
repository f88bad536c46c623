import { TicketTransferredSchema, create } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import { AgentDirectory } from '../agent-directory';
import { canSeeTicket, managesTicket, type LifecycleActor } from '../lifecycle-actor';
import type { LockedTicket, TicketState } from '../locked-ticket.repository';
import type { PlannedChange, TicketChangeRunner } from '../ticket-change.runner';
import {
  invalidTransition,
  TicketLifecycleException,
  TicketLifecycleExceptionCode,
} from '../ticket-lifecycle.exception';
import type { TicketReference } from '../ticket-reference';
import { allowedTargets, isAllowedTransition } from '../ticket-transitions';

export interface TransferTicketCommand {
  readonly ref: TicketReference;
  readonly teamId: string;
  readonly agentId?: string;
  readonly reason: string;
}

function refuse(code: TicketLifecycleExceptionCode, field: string, message: string): TicketLifecycleException {
  return new TicketLifecycleException(code, message, [{ field, reason: code, message }]);
}

/**
 * Moves a ticket to another team: into that team's queue (status new, unassigned, for routing's
 * drain to pick up) or straight to a named agent of the team (assigned). The assignee, a manager of
 * the ticket's team or an admin may transfer; the reason is kept in the audit trail and the event.
 */
export class TransferTicketUseCase {
  constructor(private readonly runner: TicketChangeRunner) {}

  execute(actor: LifecycleActor, command: TransferTicketCommand): Promise<TicketState> {
    return this.runner.run(actor, command.ref, canSeeTicket, (ticket, tx) => this.plan(actor, ticket, command, tx));
  }

  private async plan(
    actor: LifecycleActor,
    ticket: LockedTicket,
    command: TransferTicketCommand,
    tx: SqlExecutor,
  ): Promise<PlannedChange> {
    if (!managesTicket(actor, ticket) && ticket.assigneeId !== actor.id) {
      throw new TicketLifecycleException(
        TicketLifecycleExceptionCode.Forbidden,
        "Only the assignee, a manager of the ticket's team or an admin transfers a ticket.",
      );
    }
    if (command.reason.trim() === '') {
      throw refuse(TicketLifecycleExceptionCode.ReasonRequired, 'reason', 'A transfer needs a reason.');
    }
    const to = command.agentId === undefined ? 'new' : 'assigned';
    const context = { reviewRequired: ticket.reviewRequired };
    if (!isAllowedTransition(ticket.status, to, 'transfer', context)) {
      throw invalidTransition(ticket.number, ticket.status, to, allowedTargets(ticket.status, 'transfer', context));
    }
    await this.assertTarget(ticket, command, new AgentDirectory(tx));
    const agentId = command.agentId ?? null;
    const transferred = {
      fromTeamId: ticket.teamId ?? '',
      fromAgentId: ticket.assigneeId ?? '',
      toTeamId: command.teamId,
      toAgentId: agentId ?? '',
      reason: command.reason,
    };
    return {
      change: { status: to, teamId: command.teamId, assigneeId: agentId },
      type: 'transferred',
      payload: { case: 'transferred', value: create(TicketTransferredSchema, transferred) },
      data: { reason: command.reason },
    };
  }

  private async assertTarget(
    ticket: LockedTicket,
    command: TransferTicketCommand,
    agents: AgentDirectory,
  ): Promise<void> {
    const invalidTeam = TicketLifecycleExceptionCode.InvalidTeam;
    if (command.teamId === ticket.teamId) {
      throw refuse(invalidTeam, 'teamId', 'The ticket is already in this team; assign it instead.');
    }
    if (!(await agents.teamExists(ticket.tenantId, command.teamId))) {
      throw refuse(invalidTeam, 'teamId', 'No such team in this tenant.');
    }
    if (command.agentId === undefined) return;
    const agent = await agents.findAgent(ticket.tenantId, command.agentId, ticket.id);
    if (agent?.teamId !== command.teamId) {
      throw refuse(TicketLifecycleExceptionCode.InvalidAssignee, 'agentId', 'The agent is not in the target team.');
    }
  }
}
