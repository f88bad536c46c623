import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';
import { startLocalOidcProvider, type LocalOidcProvider } from '../testing/local-oidc-provider';

const REDIRECT_URI = 'http://127.0.0.1:9/api/v1/auth/oidc/demo/callback';

describe('single sign-on per tenant with OpenID Connect, against a local oidc-provider', () => {
  let h: AgentApiHarness;
  let idp: LocalOidcProvider;

  beforeAll(async () => {
    h = await startAgentApiHarness('agent_api_oidc');
    idp = await startLocalOidcProvider(REDIRECT_URI);
  });
  afterAll(async () => {
    await idp.close();
    await h.close();
  });

  async function signInThroughProvider(email: string) {
    const start = await h.app.getHttpAdapter().getInstance().inject({ url: '/api/v1/auth/oidc/demo/start' });
    expect(start.statusCode).toBe(302);
    const back = await idp.signIn(String(start.headers.location), email);
    return h.api.get<{ accessToken: string; refreshToken: string }>(`/api/v1/auth/oidc/demo/callback${back.search}`);
  }

  it('answers 404 while the tenant has no provider', async () => {
    const answer = await h.api.get('/api/v1/auth/oidc/demo/start');
    expect(answer).toMatchObject({ status: 404, body: { error: { code: 'oidc_not_configured' } } });
  });

  it('signs an agent in through the provider: a session like a password sign-in', async () => {
    const settings = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUri: REDIRECT_URI,
    };
    expect((await h.api.put('/api/v1/admin/oidc', settings, h.tokens.dana)).status).toBe(204);
    const signedIn = await signInThroughProvider('alice@demo.switchboard.local');
    expect(signedIn.status).toBe(200);
    expect((await h.api.get('/api/v1/me', signedIn.body.accessToken)).body).toMatchObject({
      email: 'alice@demo.switchboard.local',
    });
    expect((await h.api.post('/api/v1/auth/refresh', { refreshToken: signedIn.body.refreshToken })).status).toBe(200);
    const [session] = await h.db.query<{ method: string }>(
      `SELECT method FROM auth_sessions ORDER BY created_at DESC LIMIT 1`,
    );
    expect(session?.method).toBe('oidc');
  });

  it('refuses a provider account that is no agent of the tenant, and a forged state', async () => {
    expect(await signInThroughProvider('stranger@example.com')).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_credentials' } },
    });
    const forged = await h.api.get('/api/v1/auth/oidc/demo/callback?code=abc&state=forged');
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials' } } });
  });
});
