import type { Agent } from '../agents/agent.repository';

/**
 * Which of a tenant's tickets an agent may see (the product rule): an agent their own, a manager
 * their team's, an admin all of them.
 */
export type TicketVisibility =
  | { readonly kind: 'assigned_to'; readonly agentId: string }
  | { readonly kind: 'team'; readonly teamId: string | null }
  | { readonly kind: 'tenant' };

/** Narrows what a caller sees further, inside their visibility. */
export type AssigneeFilter =
  { readonly kind: 'any' } | { readonly kind: 'unassigned' } | { readonly kind: 'agent'; readonly agentId: string };

export function ticketVisibilityOf(agent: Agent): TicketVisibility {
  switch (agent.role) {
    case 'agent':
      return { kind: 'assigned_to', agentId: agent.id };
    case 'manager':
      return { kind: 'team', teamId: agent.teamId };
    case 'admin':
      return { kind: 'tenant' };
    default: {
      const unknownRole: never = agent.role;
      throw new Error(`No ticket visibility for role ${String(unknownRole)}`);
    }
  }
}
