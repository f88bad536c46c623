import type { CapacityStore } from '@switchboard/coordination';
import type { TenantRouting } from '../directory/routing-directory';
import { firstMatchingRule, type RequiredSkills, type RoutableTicket } from '../rules/routing-rule';
import type { RoutingAgent } from '../directory/routing-directory';

/** Why a ticket went where it went: stored on the audit trail and shown by the routing endpoint. */
export interface RoutingTrace {
  readonly rule: { readonly id: string; readonly name: string; readonly because: readonly string[] } | null;
  readonly team: { readonly id: string; readonly name: string } | null;
  readonly strategy: string | null;
  readonly candidates: readonly {
    agentId: string;
    capacity: number;
    presence: string;
    eligible: boolean;
    /** Required skills the agent lacks, or has below the required level. */
    missingSkills?: readonly string[];
  }[];
  readonly requiredSkills?: RequiredSkills;
  readonly chosenAgentId: string | null;
  readonly outcome: 'assigned' | 'queued_no_capacity' | 'no_matching_rule' | 'no_agents_in_team';
}

export interface RoutingDecision {
  readonly teamId: string | null;
  readonly agentId: string | null;
  readonly ruleId: string | null;
  readonly priority: string | null;
  /** What the rule required of the agent; kept on the ticket for the queue drain. */
  readonly requiredSkills: RequiredSkills;
  readonly trace: RoutingTrace;
}

type Candidate = RoutingTrace['candidates'][number];

/** Reserves an eligible agent by the team's strategy; sticky falls back to least loaded. */
async function reserveByStrategy(
  routing: TenantRouting,
  teamId: string,
  eligible: readonly Candidate[],
  capacity: CapacityStore,
  preferredAgentId: string | undefined,
): Promise<string | undefined> {
  const strategy = routing.teams.get(teamId)?.strategy ?? 'least_loaded';
  if (strategy === 'round_robin') return capacity.reserveRoundRobin(routing.tenantId, teamId, eligible);
  const preferred = eligible.find((c) => c.agentId === preferredAgentId);
  if (strategy === 'sticky' && preferred) {
    const kept = await capacity.reserveLeastLoaded(routing.tenantId, [preferred]);
    if (kept) return kept;
  }
  return capacity.reserveLeastLoaded(routing.tenantId, eligible);
}

/** An online agent of the team with spare capacity, chosen by the team's strategy and reserved atomically; or none. */
function missingSkillsOf(agent: RoutingAgent, required: RequiredSkills): string[] {
  return required.filter((r) => (agent.skills.get(r.skill) ?? 0) < r.minLevel).map((r) => r.skill);
}

async function chooseAgent(
  routing: TenantRouting,
  teamId: string,
  capacity: CapacityStore,
  requiredSkills: RequiredSkills,
  preferredAgentId?: string,
): Promise<{ candidates: Candidate[]; agentId: string | null; teamSize: number }> {
  const members = routing.agentsByTeam.get(teamId) ?? [];
  const candidates = members.map((a) => {
    const missingSkills = missingSkillsOf(a, requiredSkills);
    return {
      agentId: a.id,
      capacity: a.capacity,
      presence: a.presence,
      eligible: a.presence === 'online' && a.capacity > 0 && missingSkills.length === 0,
      ...(missingSkills.length > 0 ? { missingSkills } : {}),
    };
  });
  const eligible = candidates.filter((c) => c.eligible);
  const agentId = (await reserveByStrategy(routing, teamId, eligible, capacity, preferredAgentId)) ?? null;
  return { candidates, agentId, teamSize: members.length };
}

function outcomeOf(agentId: string | null, teamSize: number): RoutingTrace['outcome'] {
  return agentId ? 'assigned' : teamSize === 0 ? 'no_agents_in_team' : 'queued_no_capacity';
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
    return { teamId: null, agentId: null, ruleId: null, priority: null, requiredSkills: [], trace };
  }
  const team = routing.teams.get(match.rule.teamId);
  const { requiredSkills } = match.rule;
  const { candidates, agentId, teamSize } = await chooseAgent(
    routing,
    match.rule.teamId,
    capacity,
    requiredSkills,
    ticket.customersLastAgentId,
  );
  return {
    teamId: match.rule.teamId,
    agentId,
    ruleId: match.rule.id,
    priority: match.rule.priority,
    requiredSkills,
    trace: {
      rule: { id: match.rule.id, name: match.rule.name, because: match.because },
      team: team ? { id: team.id, name: team.name } : null,
      strategy: team?.strategy ?? null,
      ...(requiredSkills.length > 0 ? { requiredSkills } : {}),
      candidates,
      chosenAgentId: agentId,
      outcome: outcomeOf(agentId, teamSize),
    },
  };
}

/** For a ticket waiting in its team's queue: the team stays, only an agent is looked for. */
export async function decideFromQueue(
  routing: TenantRouting,
  teamId: string,
  requiredSkills: RequiredSkills,
  capacity: CapacityStore,
): Promise<RoutingDecision> {
  const team = routing.teams.get(teamId);
  const { candidates, agentId, teamSize } = await chooseAgent(routing, teamId, capacity, requiredSkills);
  return {
    teamId,
    agentId,
    ruleId: null,
    priority: null,
    requiredSkills,
    trace: {
      rule: null,
      team: team ? { id: team.id, name: team.name } : null,
      strategy: team?.strategy ?? null,
      ...(requiredSkills.length > 0 ? { requiredSkills } : {}),
      candidates,
      chosenAgentId: agentId,
      outcome: outcomeOf(agentId, teamSize),
    },
  };
}
