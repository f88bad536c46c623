import type { RoutingTrace } from './routing-decision';
import { STORED_CANDIDATES, traceToStore } from './stored-trace';

const candidate = (i: number, overrides: Partial<RoutingTrace['candidates'][number]> = {}) => ({
  agentId: `agent-${i}`,
  capacity: 20,
  channelCapacity: 20,
  presence: 'online',
  eligible: true,
  ...overrides,
});

const traceOf = (candidates: RoutingTrace['candidates'], chosenAgentId: string | null): RoutingTrace => ({
  rule: null,
  team: { id: 'team', name: 'Support' },
  strategy: 'least_loaded',
  candidates,
  chosenAgentId,
  outcome: chosenAgentId ? 'assigned' : 'queued_no_capacity',
});

describe('traceToStore', () => {
  it('keeps a team of up to STORED_CANDIDATES agents as it is', () => {
    const trace = traceOf(
      Array.from({ length: STORED_CANDIDATES }, (_, i) => candidate(i)),
      'agent-3',
    );
    expect(traceToStore(trace)).toBe(trace);
  });

  it('keeps the chosen agent, then eligible ones, then the rest, and counts what it cut', () => {
    const offline = Array.from({ length: 150 }, (_, i) => candidate(i, { presence: 'offline', eligible: false }));
    const unskilled = Array.from({ length: 30 }, (_, i) =>
      candidate(150 + i, { eligible: false, missingSkills: ['mandarin'] }),
    );
    const eligible = Array.from({ length: 20 }, (_, i) => candidate(180 + i));
    const trace = traceOf([...offline, ...unskilled, ...eligible], 'agent-199');

    const stored = traceToStore(trace);

    expect(stored.candidates).toHaveLength(STORED_CANDIDATES);
    expect(stored.candidates[0]?.agentId).toBe('agent-199');
    expect(stored.candidates.slice(1).map((c) => c.agentId)).toEqual(
      Array.from({ length: 19 }, (_, i) => `agent-${180 + i}`),
    );
    expect(stored.omittedCandidates).toEqual({ total: 180, eligible: 0, offline: 150, missingSkills: 30 });
    expect(stored.chosenAgentId).toBe('agent-199');
  });

  it('counts eligible agents it had no room for', () => {
    const trace = traceOf(
      Array.from({ length: 50 }, (_, i) => candidate(i)),
      null,
    );
    expect(traceToStore(trace).omittedCandidates).toEqual({ total: 30, eligible: 30, offline: 0, missingSkills: 0 });
  });
});
