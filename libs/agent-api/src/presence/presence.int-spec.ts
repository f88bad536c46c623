import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

describe('agent presence', () => {
  let harness: AgentApiHarness;
  beforeAll(async () => {
    harness = await startAgentApiHarness('presence');
  });
  afterAll(() => harness.close());

  it('lets an agent set their presence and keeps it alive with heartbeats', async () => {
    const { api, tokens } = harness;
    const away = await api.put<{ presence: string; lastSeenAt: string }>(
      '/api/v1/me/presence',
      { status: 'away' },
      tokens.alice,
    );
    expect(away.status).toBe(200);
    expect(away.body.presence).toBe('away');
    const beat = await api.postAs<{ presence: string; lastSeenAt: string }>('/api/v1/me/heartbeat', tokens.alice);
    expect(beat.status).toBe(200);
    expect(beat.body.presence).toBe('away');
    expect(Date.parse(beat.body.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(away.body.lastSeenAt));
  });

  it('refuses an unknown presence with a per-field reason', async () => {
    const answer = await harness.api.put<{ error: { code: string; fields: { field: string }[] } }>(
      '/api/v1/me/presence',
      { status: 'busy' },
      harness.tokens.bob,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.body.error.fields.map((f) => f.field)).toEqual(['status']);
  });
});
