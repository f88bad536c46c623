import { issueAccessToken } from '@switchboard/auth';
import { ALICE, BOB, CAROL, startAgentApiHarness, type AgentApiHarness } from './testing/agent-api.harness';
import { OTHER_TENANT_SLUG } from './testing/agent-api.world';

describe('agent API: login, tokens and tenants, on real Postgres', () => {
  let harness: AgentApiHarness;

  beforeAll(async () => {
    harness = await startAgentApiHarness('agent_api');
  });
  afterAll(async () => {
    await harness.close();
  });

  describe('login', () => {
    it('issues a bearer token that /me accepts', async () => {
      const { api, world } = harness;
      const credentials = { tenant: 'demo', email: 'Alice@Demo.Switchboard.Local', password: 'switchboard' };
      const login = await api.post('/api/v1/auth/token', credentials);
      expect(login.status).toBe(200);
      expect(login.headers['cache-control']).toBe('no-store');
      expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 30 * 86_400 });
      expect(login.body['refreshToken']).toEqual(expect.any(String));
      const alice = {
        id: world.agents.alice,
        name: 'Alice Chen',
        email: ALICE,
        role: 'agent',
        teamId: world.teams.support,
        teamIds: [world.teams.support],
      };
      expect(login.body['agent']).toEqual(alice);
      expect(await api.get('/api/v1/me', String(login.body['accessToken']))).toMatchObject({
        status: 200,
        body: alice,
      });
    });

    it.each([
      ['a wrong password', { tenant: 'demo', email: ALICE, password: 'wrong' }],
      ['an unknown email', { tenant: 'demo', email: 'nobody@demo.switchboard.local', password: 'switchboard' }],
      ['an unknown tenant', { tenant: 'nowhere', email: ALICE, password: 'switchboard' }],
      ['another tenant', { tenant: OTHER_TENANT_SLUG, email: ALICE, password: 'switchboard' }],
    ])('answers %s with the same 401 invalid_credentials', async (_label, credentials) => {
      const answer = await harness.api.post('/api/v1/auth/token', credentials);
      expect(answer).toMatchObject({
        status: 401,
        body: { error: { code: 'invalid_credentials', message: 'Tenant, email or password is wrong.' } },
      });
    });

    it('rejects an invalid body with a reason per field', async () => {
      const answer = await harness.api.post('/api/v1/auth/token', { tenant: 'Not A Slug!', password: '' });
      expect(answer.status).toBe(400);
      expect(answer.body['error']).toMatchObject({
        code: 'validation_failed',
        fields: [
          expect.objectContaining({ field: 'tenant', reason: 'invalid_format' }),
          expect.objectContaining({ field: 'email', reason: 'required' }),
          expect.objectContaining({ field: 'password', reason: 'required' }),
        ],
      });
    });
  });

  describe('bearer tokens', () => {
    it.each([
      ['no token', 'unauthorized', undefined],
      ['a malformed token', 'invalid_token', 'not.a.token'],
      ['a token of another signer', 'invalid_token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
    ])('answers %s with 401 %s', async (_label, code, token) => {
      const answer = await harness.api.get('/api/v1/tickets', token);
      expect(answer).toMatchObject({ status: 401, body: { error: { code } } });
      expect(answer.headers['www-authenticate']).toMatch(/^Bearer realm="switchboard"/);
      expect(answer.headers['cache-control']).toBe('no-store');
    });

    it('answers an expired token with 401 token_expired', async () => {
      const { world, jwtSecret } = harness;
      const claims = { agentId: world.agents.alice, tenantId: world.demoTenantId, role: 'agent' as const };
      const expired = await issueAccessToken(jwtSecret, claims, 60, new Date(Date.now() - 3_600_000));
      const answer = await harness.api.get('/api/v1/me', expired);
      expect(answer).toMatchObject({ status: 401, body: { error: { code: 'token_expired' } } });
    });

    it('refuses a token whose agent does not belong to its tenant', async () => {
      const { world, jwtSecret } = harness;
      const claims = { agentId: world.agents.eve, tenantId: world.demoTenantId, role: 'admin' as const };
      const forged = await issueAccessToken(jwtSecret, claims);
      const answer = await harness.api.get('/api/v1/tickets', forged);
      expect(answer).toMatchObject({ status: 401, body: { error: { code: 'invalid_token' } } });
    });
  });

  describe('tenants', () => {
    it("never shows one tenant's tickets to another, even when ticket numbers collide", async () => {
      const { api, world, tokens } = harness;
      const eveTicket = world.otherTenantTickets.get('SB-000001');
      expect(await api.ticketNumbers('/api/v1/tickets', tokens.eve)).toEqual(['SB-000001']);
      expect((await api.get('/api/v1/tickets/SB-000001', tokens.eve)).body).toMatchObject({ id: eveTicket });
      expect((await api.get('/api/v1/tickets/SB-000001', tokens.dana)).body).toMatchObject({
        id: world.tickets.get('SB-000001'),
      });
      expect((await api.get(`/api/v1/tickets/${eveTicket}`, tokens.dana)).status).toBe(404);
      expect((await api.get(`/api/v1/tickets/${world.tickets.get('SB-000001')}`, tokens.eve)).status).toBe(404);
      expect(await api.ticketNumbers(`/api/v1/tickets?assignee=${world.agents.eve}`, tokens.dana)).toEqual([]);
    });
  });
});

describe('agent API: the login rate limit (LOGIN_RATE_LIMIT_PER_MINUTE, 10 by default)', () => {
  let harness: AgentApiHarness;
  beforeAll(async () => {
    harness = await startAgentApiHarness('agent_api_rate', { loginPerMinute: 10 });
  });
  afterAll(() => harness.close());

  it('answers the 11th login of one email within a minute with 429 and Retry-After, others still log in', async () => {
    const login = (email: string) =>
      harness.api.post('/api/v1/auth/token', { tenant: 'demo', email, password: 'switchboard' });
    // The harness logged Bob in once already: nine more make ten.
    for (let i = 0; i < 9; i++) expect((await login(BOB)).status).toBe(200);
    const limited = await login(BOB);
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['cache-control']).toBe('no-store');
    expect((await login(CAROL)).status).toBe(200);
  });
});
