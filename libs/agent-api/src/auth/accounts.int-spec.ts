import { legacyScryptHash, verifyPassword } from '@switchboard/auth';
import { ALICE, BOB, startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

const DEMO_PASSWORD = 'switchboard';

interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

describe('agent accounts: sessions, refresh rotation, logout, lockout, argon2id migration (real Postgres)', () => {
  let h: AgentApiHarness;

  beforeAll(async () => {
    h = await startAgentApiHarness('agent_api_accounts');
  });
  afterAll(() => h.close());

  async function signIn(email: string, password = DEMO_PASSWORD): Promise<Tokens> {
    const answer = await h.api.post<Tokens>('/api/v1/auth/token', { tenant: 'demo', email, password });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  const refresh = (refreshToken: string) => h.api.post<Tokens>('/api/v1/auth/refresh', { refreshToken });
  const me = (accessToken: string) => h.api.get('/api/v1/me', accessToken);

  it("migrates today's scrypt hash to argon2id at the next successful login", async () => {
    await h.db.query(`UPDATE agents SET password_hash = $1 WHERE email = $2`, [await legacyScryptHash('old pw'), BOB]);
    await signIn(BOB, 'old pw');
    const [row] = await h.db.query<{ password_hash: string }>(`SELECT password_hash FROM agents WHERE email = $1`, [
      BOB,
    ]);
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword('old pw', row?.password_hash)).resolves.toBe(true);
    expect((await me((await signIn(BOB, 'old pw')).accessToken)).status).toBe(200);
  });

  it('rotates the refresh token, and revokes the whole session when a used one comes back', async () => {
    const first = await signIn(ALICE);
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.body.accessToken)).status).toBe(200);

    const replayed = await refresh(first.refreshToken);
    expect(replayed).toMatchObject({ status: 401, body: { error: { code: 'refresh_token_reused' } } });
    // The thief's copy and the user's current token alike: the family is gone.
    expect(await refresh(second.body.refreshToken)).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_refresh_token' } },
    });
    expect(await me(second.body.accessToken)).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_token' } },
    });
    expect((await me(first.accessToken)).status).toBe(401);

    const audit = await h.db.query<{ action: string }>(
      `SELECT action FROM admin_audit_log WHERE action = 'session.revoked_on_reuse'`,
    );
    expect(audit).toHaveLength(1);
    // Another session of the same agent is untouched.
    expect((await me((await signIn(ALICE)).accessToken)).status).toBe(200);
  });

  it('refuses a refresh token that was never issued', async () => {
    expect(await refresh('not-a-token')).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_refresh_token' } },
    });
  });

  it('ends the session on logout: its access and refresh tokens stop working at once', async () => {
    const session = await signIn(ALICE);
    const other = await signIn(ALICE);
    expect((await h.api.postAs('/api/v1/auth/logout', session.accessToken)).status).toBe(204);
    expect((await me(session.accessToken)).status).toBe(401);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('locks an account after five wrong passwords, says so with Retry-After, and audits it', async () => {
    const email = 'carol@demo.switchboard.local';
    const attempt = () => h.api.post('/api/v1/auth/token', { tenant: 'demo', email, password: 'wrong password' });
    for (let i = 0; i < 4; i += 1) {
      expect(await attempt()).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials' } } });
    }
    const fifth = await attempt();
    expect(fifth).toMatchObject({ status: 429, body: { error: { code: 'account_locked' } } });
    expect(String(fifth.body['error'] && (fifth.body['error'] as { message: string }).message)).toMatch(/locked/);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits out the lock.
    const right = await h.api.post('/api/v1/auth/token', { tenant: 'demo', email, password: DEMO_PASSWORD });
    expect(right).toMatchObject({ status: 429, body: { error: { code: 'account_locked' } } });
    const audit = await h.db.query(`SELECT 1 FROM admin_audit_log WHERE action = 'user.locked_out'`);
    expect(audit).toHaveLength(1);
    // Another account from the same address is not locked.
    expect((await signIn(BOB, 'old pw')).accessToken).toEqual(expect.any(String));
  });
});
