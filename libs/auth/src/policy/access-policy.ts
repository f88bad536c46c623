import { AbilityBuilder, createMongoAbility, subject, type MongoAbility, type MongoQuery } from '@casl/ability';
import type { AgentRole } from '../access-token';

/**
 * Who the caller is, for the policy: their role and where they sit in the organisation. Loaded from
 * the database on every request (not from the token), so a changed membership applies at once.
 */
export interface AccessScope {
  readonly agentId: string;
  readonly tenantId: string;
  readonly role: AgentRole;
  /** The teams the agent belongs to (their primary team included). */
  readonly teamIds: readonly string[];
  /** Every team of the departments, sub-departments included, that the agent's teams belong to. */
  readonly departmentTeamIds: readonly string[];
}

/**
 * What can be done to a ticket: read it (and its timeline), work it (reply, status, fields, visits,
 * links, watchers), review it (decide a review of its team), manage it (assign to others, transfer).
 */
export const ticketActions = ['read', 'work', 'review', 'manage'] as const;
export type TicketAction = (typeof ticketActions)[number];

/** The attributes of a ticket the policy decides on. */
export interface TicketPlacement {
  readonly tenantId: string;
  readonly teamId: string | null;
  readonly assigneeId: string | null;
}

type TicketSubject = 'Ticket' | (TicketPlacement & { readonly __caslSubjectType__?: 'Ticket' });
export type AccessAbility = MongoAbility<[TicketAction, TicketSubject]>;

const WORK: TicketAction[] = ['read', 'work', 'review'];
const ALL: TicketAction[] = ['read', 'work', 'review', 'manage'];

/**
 * The product rule (issue #19): an agent sees the tickets assigned to them and their teams' unassigned
 * queue; a team lead their teams' tickets; a manager every ticket of their departments' teams; an
 * admin the tenant. Everyone may review (the use-case checks the reviewer role) in their own teams.
 * Every rule carries the tenant, so no scope ever reaches another tenant.
 */
export function abilityFor(scope: AccessScope): AccessAbility {
  const { can, build } = new AbilityBuilder<AccessAbility>(createMongoAbility);
  const tenantId = scope.tenantId;
  const teams = { $in: [...scope.teamIds] };
  switch (scope.role) {
    case 'admin':
      can(ALL, 'Ticket', { tenantId });
      break;
    case 'manager':
      can(WORK, 'Ticket', { tenantId, assigneeId: scope.agentId });
      can(ALL, 'Ticket', { tenantId, teamId: { $in: [...scope.departmentTeamIds] } });
      break;
    case 'team_lead':
      can(WORK, 'Ticket', { tenantId, assigneeId: scope.agentId });
      can(ALL, 'Ticket', { tenantId, teamId: teams });
      break;
    case 'agent':
      can(WORK, 'Ticket', { tenantId, assigneeId: scope.agentId });
      can(WORK, 'Ticket', { tenantId, assigneeId: null, teamId: teams });
      can('review', 'Ticket', { tenantId, teamId: teams });
      break;
  }
  return build();
}

export function canOnTicket(ability: AccessAbility, action: TicketAction, ticket: TicketPlacement): boolean {
  return ability.can(action, subject('Ticket', { ...ticket }));
}

/** The conditions of every rule that grants `action` on tickets, for a query scope (see ticket-scope.sql). */
export function ticketConditions(ability: AccessAbility, action: TicketAction): MongoQuery[] {
  return ability
    .rulesFor(action, 'Ticket')
    .filter((rule) => !rule.inverted)
    .map((rule) => rule.conditions ?? {});
}
