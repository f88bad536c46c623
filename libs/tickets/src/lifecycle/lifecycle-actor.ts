import type { AgentRole } from '@switchboard/auth';

/** The agent asking for a change, as the database knows them now. */
export interface LifecycleActor {
  readonly id: string;
  readonly tenantId: string;
  readonly teamId: string | null;
  readonly role: AgentRole;
}

const RANK: Readonly<Record<AgentRole, number>> = { agent: 0, manager: 1, admin: 2 };

/** agent < manager < admin. */
export function hasRoleAtLeast(actor: LifecycleActor, role: AgentRole): boolean {
  return RANK[actor.role] >= RANK[role];
}

interface TicketPlacement {
  readonly teamId: string | null;
  readonly assigneeId: string | null;
}

/** The read rule of the agent API (agent: own tickets, manager: their team's, admin: all). */
export function canSeeTicket(actor: LifecycleActor, ticket: TicketPlacement): boolean {
  switch (actor.role) {
    case 'agent':
      return ticket.assigneeId === actor.id;
    case 'manager':
      return actor.teamId !== null && ticket.teamId === actor.teamId;
    case 'admin':
      return true;
  }
}

/** Manages the ticket: an admin, or the manager of the ticket's team. */
export function managesTicket(actor: LifecycleActor, ticket: TicketPlacement): boolean {
  return actor.role === 'admin' || (actor.role === 'manager' && canSeeTicket(actor, ticket));
}
