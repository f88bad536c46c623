import { TicketAssignedSchema, create } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import { AgentDirectory, type AssignableAgent } from '../agent-directory';
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

export interface AssignTicketCommand {
  readonly ref: TicketReference;
  readonly agentId: string;
}

/** An agent may take an unassigned ticket of their own team, which they could not see before taking it. */
function canTake(actor: LifecycleActor, ticket: LockedTicket): boolean {
  return (
    actor.role === 'agent' && ticket.assigneeId === null && ticket.teamId !== null && ticket.teamId === actor.teamId
  );
}

function reachable(actor: LifecycleActor, ticket: LockedTicket): boolean {
  return canSeeTicket(actor, ticket) || canTake(actor, ticket);
}

function assertMayAssign(actor: LifecycleActor, ticket: LockedTicket, agentId: string): void {
  if (managesTicket(actor, ticket) || (canTake(actor, ticket) && agentId === actor.id)) return;
  throw new TicketLifecycleException(
    TicketLifecycleExceptionCode.Forbidden,
    "Only a manager of the ticket's team or an admin assigns tickets; an agent may take an unassigned ticket of their team.",
  );
}

function invalidAssignee(message: string): TicketLifecycleException {
  return new TicketLifecycleException(TicketLifecycleExceptionCode.InvalidAssignee, message, [
    { field: 'agentId', reason: 'invalid_assignee', message },
  ]);
}

/** The team the ticket ends up in: its own (the agent must belong to it), or the agent's for a teamless ticket. */
function placementFor(
  ticket: LockedTicket,
  agent: AssignableAgent | undefined,
): { agent: AssignableAgent; teamId: string } {
  if (!agent) throw invalidAssignee('No such agent in this tenant.');
  if (agent.teamId === null) throw invalidAssignee('The agent belongs to no team.');
  if (ticket.teamId !== null && agent.teamId !== ticket.teamId) {
    throw invalidAssignee("The agent is not in the ticket's team; transfer the ticket instead.");
  }
  return { agent, teamId: agent.teamId };
}

/**
 * Assigns a ticket to an agent of its team, the way routing does (team, assignee, assigned_at,
 * status 'assigned' from new; a reassignment keeps the working status). A manager may fill an agent
 * beyond capacity; the audit row records it.
 */
export class AssignTicketUseCase {
  constructor(private readonly runner: TicketChangeRunner) {}

  execute(actor: LifecycleActor, command: AssignTicketCommand): Promise<TicketState> {
    return this.runner.run(actor, command.ref, reachable, (ticket, tx) => this.plan(actor, ticket, command, tx));
  }

  private async plan(
    actor: LifecycleActor,
    ticket: LockedTicket,
    command: AssignTicketCommand,
    tx: SqlExecutor,
  ): Promise<PlannedChange | undefined> {
    assertMayAssign(actor, ticket, command.agentId);
    const to = ticket.status === 'new' ? 'assigned' : ticket.status;
    const context = { reviewRequired: ticket.reviewRequired };
    if (!isAllowedTransition(ticket.status, to, 'assignment', context)) {
      throw invalidTransition(
        ticket.number,
        ticket.status,
        'assigned',
        allowedTargets(ticket.status, 'assignment', context),
      );
    }
    const found = await new AgentDirectory(tx).findAgent(ticket.tenantId, command.agentId, ticket.id);
    const { agent, teamId } = placementFor(ticket, found);
    if (ticket.assigneeId === agent.id) return undefined;
    const capacity = {
      limit: agent.capacity,
      openTickets: agent.openTickets,
      overCapacity: agent.openTickets >= agent.capacity,
    };
    return {
      change: { status: to, teamId, assigneeId: command.agentId },
      type: 'assigned',
      payload: {
        case: 'assigned',
        value: create(TicketAssignedSchema, { teamId, agentId: command.agentId, ruleId: '' }),
      },
      data: { teamId, agentId: command.agentId, manual: true, capacity },
    };
  }
}
