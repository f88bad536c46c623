import type { RoutingTrace } from './routing-decision';

/**
 * How many candidates an audit event keeps. Every assignment is audited and a team can have hundreds
 * of agents: a full list would make the routing trace the largest thing the pipeline writes.
 */
export const STORED_CANDIDATES = 20;

type Candidate = RoutingTrace['candidates'][number];

/**
 * The trace as the audit trail keeps it. Up to STORED_CANDIDATES candidates it is unchanged; beyond,
 * it keeps the chosen agent, then eligible agents, then the others (each group in team order), and
 * counts what it left out. The dry run shows the whole list, since it stores nothing.
 */
export function traceToStore(trace: RoutingTrace): RoutingTrace {
  if (trace.candidates.length <= STORED_CANDIDATES) return trace;
  const chosen = trace.candidates.filter((c) => c.agentId === trace.chosenAgentId);
  const eligible = trace.candidates.filter((c) => c.eligible && c.agentId !== trace.chosenAgentId);
  const others = trace.candidates.filter((c) => !c.eligible && c.agentId !== trace.chosenAgentId);
  const kept = [...chosen, ...eligible, ...others].slice(0, STORED_CANDIDATES);
  const keptIds = new Set(kept.map((c) => c.agentId));
  const left: Candidate[] = trace.candidates.filter((c) => !keptIds.has(c.agentId));
  return {
    ...trace,
    candidates: kept,
    omittedCandidates: {
      total: left.length,
      eligible: left.filter((c) => c.eligible).length,
      offline: left.filter((c) => c.presence !== 'online').length,
      missingSkills: left.filter((c) => (c.missingSkills?.length ?? 0) > 0).length,
    },
  };
}
