import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

describe('organisation administration: departments, teams, users, audit (real Postgres)', () => {
  let h: AgentApiHarness;
  const admin = (): string => h.tokens.dana;

  beforeAll(async () => {
    h = await startAgentApiHarness('agent_api_organisation');
  });
  afterAll(() => h.close());

  const post = <T = Record<string, unknown>>(url: string, body: Record<string, unknown>, token = admin()) =>
    h.api.postAs<T>(url, token, body);
  const put = <T = Record<string, unknown>>(url: string, body: Record<string, unknown>, token = admin()) =>
    h.api.put<T>(url, body, token);

  it('makes a tree of departments, refuses a loop, and lets a manager see every team below their department', async () => {
    const { support, billing } = h.world.teams;
    const front = await post<{ id: string }>('/api/v1/admin/departments', { name: 'Customer service' });
    expect(front.status).toBe(201);
    const desk = await post<{ id: string }>('/api/v1/admin/departments', {
      name: 'Help desk',
      parentId: front.body.id,
    });
    expect(desk.status).toBe(201);
    expect(
      await put(`/api/v1/admin/departments/${front.body.id}`, { name: 'Customer service', parentId: desk.body.id }),
    ).toMatchObject({ status: 422, body: { error: { code: 'department_cycle' } } });

    // Carol manages Billing: before Billing sits above Support, she sees Billing's tickets only.
    expect(await h.api.ticketNumbers('/api/v1/tickets', h.tokens.carol)).toEqual(['SB-000008', 'SB-000007']);
    expect((await put(`/api/v1/admin/teams/${billing}/department`, { departmentId: front.body.id })).status).toBe(200);
    expect((await put(`/api/v1/admin/teams/${support}/department`, { departmentId: desk.body.id })).status).toBe(200);
    const seen = await h.api.ticketNumbers('/api/v1/tickets', h.tokens.carol);
    expect(seen).toEqual(expect.arrayContaining(['SB-000001', 'SB-000006', 'SB-000008']));
    expect(seen).not.toContain('SB-000009'); // no team: the admin's alone

    const listed = await h.api.get<{ departments: { name: string; teams: { id: string }[] }[] }>(
      '/api/v1/admin/departments',
      admin(),
    );
    expect(listed.body.departments.map((d) => [d.name, d.teams.map((t) => t.id)])).toEqual([
      ['Customer service', [billing]],
      ['Help desk', [support]],
    ]);
  });

  it('invites a user into two teams, who sets a password once and sees both teams’ queues', async () => {
    const { support, billing } = h.world.teams;
    const invited = await post<{ userId: string; token: string }>('/api/v1/admin/users', {
      email: 'frank@demo.switchboard.local',
      name: 'Frank Gao',
      role: 'agent',
      teamIds: [support, billing],
    });
    expect(invited.status).toBe(201);
    const password = 'a long new password';
    expect((await h.api.post('/api/v1/auth/password', { token: invited.body.token, password })).status).toBe(204);
    expect(await h.api.post('/api/v1/auth/password', { token: invited.body.token, password })).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid_account_token' } },
    });
    const token = await h.api.tokenFor('frank@demo.switchboard.local', password);
    expect((await h.api.get('/api/v1/me', token)).body).toMatchObject({
      teamId: support,
      teamIds: [support, billing].sort(),
    });
    expect(await h.api.ticketNumbers('/api/v1/tickets?assignee=unassigned', token)).toEqual(['SB-000007']);

    expect(
      (await put(`/api/v1/admin/users/${invited.body.userId}`, { role: 'team_lead', teamIds: [billing] })).status,
    ).toBe(200);
    expect(
      await h.api.ticketNumbers('/api/v1/tickets', await h.api.tokenFor('frank@demo.switchboard.local', password)),
    ).toEqual(['SB-000008', 'SB-000007']);
  });

  it('resets a password (old one and sessions end) and deactivates a user (their token stops at once)', async () => {
    const bob = h.world.agents.bob;
    const before = h.tokens.bob;
    const reset = await post<{ token: string }>(`/api/v1/admin/users/${bob}/reset-password`, {});
    expect(reset.status).toBe(200);
    expect(
      (
        await h.api.post('/api/v1/auth/token', {
          tenant: 'demo',
          email: 'bob@demo.switchboard.local',
          password: 'switchboard',
        })
      ).status,
    ).toBe(401);
    await h.api.post('/api/v1/auth/password', { token: reset.body.token, password: 'bob has a new password' });
    const fresh = await h.api.tokenFor('bob@demo.switchboard.local', 'bob has a new password');
    expect((await h.api.get('/api/v1/me', fresh)).status).toBe(200);
    expect((await h.api.get('/api/v1/me', before)).status).toBe(401); // the reset ended every session

    expect((await post(`/api/v1/admin/users/${bob}/deactivate`, {})).status).toBe(200);
    expect((await h.api.get('/api/v1/me', fresh)).status).toBe(401);
    const login = { tenant: 'demo', email: 'bob@demo.switchboard.local', password: 'bob has a new password' };
    expect((await h.api.post('/api/v1/auth/token', login)).status).toBe(401);
  });

  it('audits every change with the admin who made it, and refuses non-admins', async () => {
    const audit = await h.api.get<{ entries: { action: string; actorId: string | null }[] }>(
      '/api/v1/admin/audit',
      admin(),
    );
    const actions = audit.body.entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'department.created',
        'team.placed',
        'user.invited',
        'user.updated',
        'user.password_reset',
        'user.deactivated',
        'user.password_set',
      ]),
    );
    expect(
      audit.body.entries
        .filter((e) => e.action.startsWith('department.'))
        .every((e) => e.actorId === h.world.agents.dana),
    ).toBe(true);
    expect((await h.api.get('/api/v1/admin/audit', h.tokens.carol)).status).toBe(403);
    // The log is append-only for the tenant role.
    await expect(
      h.db.transaction(async (tx) => {
        await tx.query(`SET LOCAL ROLE switchboard_tenant`);
        await tx.query(`UPDATE admin_audit_log SET action = 'x'`);
      }),
    ).rejects.toThrow(/permission denied/);
  });
});
