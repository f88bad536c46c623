import { abilityFor, canOnTicket, type AccessScope, type AgentRole, type TicketAction } from '@switchboard/auth';

/** The agent asking for a change, as the database knows them now. */
export interface LifecycleActor {
  readonly id: string;
  readonly tenantId: string;
  readonly teamId: string | null;
  readonly role: AgentRole;
  /**
   * Where the actor sits in the organisation (teams, departments), as the agent API loads it. Without
   * it (the pipeline's system actors, older callers) the actor's one team is all they belong to.
   */
  readonly access?: AccessScope;
}

const RANK: Readonly<Record<AgentRole, number>> = { agent: 0, team_lead: 1, manager: 2, admin: 3 };

/** agent < team lead < manager < admin. */
export function hasRoleAtLeast(actor: LifecycleActor, role: AgentRole): boolean {
  return RANK[actor.role] >= RANK[role];
}

interface TicketPlacement {
  readonly teamId: string | null;
  readonly assigneeId: string | null;
}

function scopeOf(actor: LifecycleActor): AccessScope {
  if (actor.access) return actor.access;
  const teamIds = actor.teamId ? [actor.teamId] : [];
  return { agentId: actor.id, tenantId: actor.tenantId, role: actor.role, teamIds, departmentTeamIds: teamIds };
}

function allows(actor: LifecycleActor, action: TicketAction, ticket: TicketPlacement): boolean {
  return canOnTicket(abilityFor(scopeOf(actor)), action, { ...ticket, tenantId: actor.tenantId });
}

/** The read rule of the one policy (@switchboard/auth abilityFor): the same the agent API's guards check. */
export function canSeeTicket(actor: LifecycleActor, ticket: TicketPlacement): boolean {
  return allows(actor, 'read', ticket);
}

/** Manages the ticket (assigns it to others, transfers it): an admin, or a lead or manager over its team. */
export function managesTicket(actor: LifecycleActor, ticket: TicketPlacement): boolean {
  return allows(actor, 'manage', ticket);
}
