import type { AccessScope, TicketAction } from '@switchboard/auth';
import type { Agent } from '../agents/agent.repository';

/**
 * Which of a tenant's tickets a caller may see: the policy's rules for one action, which
 * TicketReadRepository turns into SQL (ticketScopeSql) and the guards check one ticket with.
 */
export interface TicketVisibility {
  readonly scope: AccessScope;
  readonly action: TicketAction;
}

/** Narrows what a caller sees further, inside their visibility. */
export type AssigneeFilter =
  { readonly kind: 'any' } | { readonly kind: 'unassigned' } | { readonly kind: 'agent'; readonly agentId: string };

export function ticketVisibilityOf(agent: Agent, action: TicketAction = 'read'): TicketVisibility {
  return { scope: agent.access, action };
}
