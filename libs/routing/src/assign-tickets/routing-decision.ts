import type { CapacityStore } from '@switchboard/coordination';
import type { TenantRouting } from '../directory/routing-directory';
import { firstMatchingRule, type RequiredSkills, type RoutableTicket } from '../rules/routing-rule';
import { channelCapacityOf, type RoutingAgent } from '../directory/routing-directory';

/** Why a ticket went where it went: stored on the audit trail and shown by the routing endpoint. */
export interface RoutingTrace {
  readonly rule: { readonly id: string; readonly name: string; readonly because: readonly string[] } | null;
  readonly team: { readonly id: string; readonly name: string } | null;
  readonly strategy: string | null;
  readonly candidates: readonly {
    agentId: string;
    capacity: number;
    /** What the agent may hold of the ticket's channel. */
    channelCapacity: number;
    presence: string;
    eligible: boolean;
    /** Required skills the agent lacks, or has below the required level. */
    missingSkills?: readonly string[];
  }[];
  readonly requiredSkills?: RequiredSkills;
  /** Set on a stored trace whose candidate list was cut (see `traceToStore`): what the cut left out. */
  readonly omittedCandidates?: {
    readonly total: number;
    readonly eligible: number;
    readonly offline: number;
    readonly missingSkills: number;
  };
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
  /** The rule's actions besides team and priority; empty when no rule decided. */
  readonly tags: readonly string[];
  readonly slaPolicy: string | null;
  /** The category the rule gave a ticket that came without one; null leaves the ticket's as it is. */
  readonly category: string | null;
  readonly trace: RoutingTrace;
}

/** The channel of a ticket and where the capacity store counts it. */
interface Seat {
  readonly teamId: string;
  readonly channel: string;
}

type Candidate = RoutingTrace['candidates'][number];

const noActions = { tags: [], slaPolicy: null, category: null } as const;

/** Reserves an eligible agent by the team's strategy; sticky falls back to least loaded. */
async function reserveByStrategy(
  routing: TenantRouting,
  { teamId, channel }: Seat,
  eligible: readonly Candidate[],
  capacity: CapacityStore,
  preferredAgentId: string | undefined,
): Promise<string | undefined> {
  const strategy = routing.teams.get(teamId)?.strategy ?? 'least_loaded';
  if (strategy === 'round_robin') return capacity.reserveRoundRobin(routing.tenantId, teamId, eligible, channel);
  const preferred = eligible.find((c) => c.agentId === preferredAgentId);
  if (strategy === 'sticky' && preferred) {
    const kept = await capacity.reserveLeastLoaded(routing.tenantId, [preferred], channel);
    if (kept) return kept;
  }
  return capacity.reserveLeastLoaded(routing.tenantId, eligible, channel);
}

/** An online agent of the team with spare capacity, chosen by the team's strategy and reserved atomically; or none. */
function missingSkillsOf(agent: RoutingAgent, required: RequiredSkills): string[] {
  return required.filter((r) => (agent.skills.get(r.skill) ?? 0) < r.minLevel).map((r) => r.skill);
}

async function chooseAgent(
  routing: TenantRouting,
  seat: Seat,
  capacity: CapacityStore,
  requiredSkills: RequiredSkills,
  preferredAgentId?: string,
): Promise<{ candidates: Candidate[]; agentId: string | null; teamSize: number }> {
  const members = routing.agentsByTeam.get(seat.teamId) ?? [];
  const candidates = members.map((a) => {
    const missingSkills = missingSkillsOf(a, requiredSkills);
    const channelCapacity = channelCapacityOf(a, seat.channel);
    return {
      agentId: a.id,
      capacity: a.capacity,
      channelCapacity,
      presence: a.presence,
      eligible: a.presence === 'online' && a.capacity > 0 && channelCapacity > 0 && missingSkills.length === 0,
      ...(missingSkills.length > 0 ? { missingSkills } : {}),
    };
  });
  const eligible = candidates.filter((c) => c.eligible);
  const agentId = (await reserveByStrategy(routing, seat, eligible, capacity, preferredAgentId)) ?? null;
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
    return { ...noActions, teamId: null, agentId: null, ruleId: null, priority: null, requiredSkills: [], trace };
  }
  const team = routing.teams.get(match.rule.teamId);
  const { requiredSkills } = match.rule;
  const { candidates, agentId, teamSize } = await chooseAgent(
    routing,
    { teamId: match.rule.teamId, channel: ticket.channel },
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
    tags: match.rule.tags,
    slaPolicy: match.rule.slaPolicy,
    category: ticket.category === '' ? match.rule.setCategory : null,
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
  seat: Seat,
  requiredSkills: RequiredSkills,
  capacity: CapacityStore,
): Promise<RoutingDecision> {
  const { teamId } = seat;
  const team = routing.teams.get(teamId);
  const { candidates, agentId, teamSize } = await chooseAgent(routing, seat, capacity, requiredSkills);
  return {
    ...noActions,
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
