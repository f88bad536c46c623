import type { CapacityStore } from '@switchboard/coordination';
import type { TenantRouting } from '../directory/routing-directory';
import { firstMatchingRule, type RoutableTicket } from '../rules/routing-rule';

/** Why a ticket went where it went: stored on the audit trail and shown by the routing endpoint. */
export interface RoutingTrace {
  readonly rule: { readonly id: string; readonly name: string; readonly because: readonly string[] } | null;
  readonly team: { readonly id: string; readonly name: string } | null;
  readonly strategy: string | null;
  readonly candidates: readonly { agentId: string; capacity: number; presence: string; eligible: boolean }[];
  readonly chosenAgentId: string | null;
  readonly outcome: 'assigned' | 'queued_no_capacity' | 'no_matching_rule' | 'no_agents_in_team';
}

export interface RoutingDecision {
  readonly teamId: string | null;
  readonly agentId: string | null;
  readonly ruleId: string | null;
  readonly priority: string | null;
  readonly trace: RoutingTrace;
}

/**
 * Rule → team → the least-loaded online agent with spare capacity, reserved atomically in the
 * capacity store. Without a free agent the ticket waits in the team's queue.
 */
export async function decideRouting(
  routing: TenantRouting,
  ticket: RoutableTicket,
  capacity: CapacityStore,
): Promise<RoutingDecision> {
  const match = firstMatchingRule(routing.rules, ticket);
  if (!match) {
    const trace: RoutingTrace = {
      rule: null,
      team: null,
      strategy: null,
      candidates: [],
      chosenAgentId: null,
      outcome: 'no_matching_rule',
    };
    return { teamId: null, agentId: null, ruleId: null, priority: null, trace };
  }
  const team = routing.teams.get(match.rule.teamId);
  const members = routing.agentsByTeam.get(match.rule.teamId) ?? [];
  const candidates = members.map((a) => ({
    agentId: a.id,
    capacity: a.capacity,
    presence: a.presence,
    eligible: a.presence === 'online' && a.capacity > 0,
  }));
  const eligible = candidates.filter((c) => c.eligible);
  const agentId = (await capacity.reserveLeastLoaded(routing.tenantId, eligible)) ?? null;
  const outcome = agentId ? 'assigned' : members.length === 0 ? 'no_agents_in_team' : 'queued_no_capacity';
  return {
    teamId: match.rule.teamId,
    agentId,
    ruleId: match.rule.id,
    priority: match.rule.priority,
    trace: {
      rule: { id: match.rule.id, name: match.rule.name, because: match.because },
      team: team ? { id: team.id, name: team.name } : null,
      strategy: team?.strategy ?? null,
      candidates,
      chosenAgentId: agentId,
      outcome,
    },
  };
}
