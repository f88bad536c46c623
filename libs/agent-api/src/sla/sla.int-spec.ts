import { newId } from '@switchboard/ids';
import { UpdateTicketClocksUseCase } from '@switchboard/sla';
import { testContext } from '@switchboard/testing';
import { startAgentApiHarness, type AgentApiHarness } from '../testing/agent-api.harness';

interface CalendarBody {
  calendar: {
    id: string;
    version: number;
    weekly: Record<string, string[]>;
    days?: { date: string; kind: string; source: string }[];
  };
}
interface PolicyBody {
  policy: { id: string; version: number; key: string };
}
interface TicketSlaBody {
  policy: { key: string } | null;
  clocks: { clock: string; dueAt: string | null; remainingBusinessSeconds: number; paused: boolean }[];
}

const WEEKDAY = ['09:00-12:00', '13:00-18:00'];

describe('agent API: SLA policies, business calendars and a ticket’s clocks, on real Postgres', () => {
  let h: AgentApiHarness;

  beforeAll(async () => {
    h = await startAgentApiHarness('sla_api');
  });
  afterAll(async () => {
    await h.close();
  });

  async function ownTenant() {
    const tenant = await testContext(h.db).newTenant();
    const team = await tenant.team();
    const agent = await tenant.agent({ teamId: team.id });
    const admin = await tenant.agent({ role: 'admin' });
    const login = (who: { email: string; password: string | null }) =>
      h.api.tokenFor(who.email, who.password ?? '', tenant.slug);
    return { tenant, team, agent, tokens: { agent: await login(agent), admin: await login(admin) } };
  }

  it('lets admins build a calendar with lunch breaks, a holiday and China’s official days, and no one else', async () => {
    const { tokens } = await ownTenant();
    const weekly = { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY };
    const body = { name: 'Shanghai', timeZone: 'Asia/Shanghai', weekly, officialSource: { kind: 'cn' } };
    expect((await h.api.postAs('/api/v1/sla/calendars', tokens.agent, body)).status).toBe(403);
    const bad = await h.api.postAs('/api/v1/sla/calendars', tokens.admin, {
      ...body,
      weekly: { mon: ['18:00-09:00'] },
    });
    expect(bad.status).toBe(400);
    const created = await h.api.postAs<CalendarBody>('/api/v1/sla/calendars', tokens.admin, body);
    expect(created.status).toBe(201);
    expect(created.body.calendar.weekly['mon']).toEqual(WEEKDAY);
    const id = created.body.calendar.id;
    const day = await h.api.put<CalendarBody>(
      `/api/v1/sla/calendars/${id}/days/2026-10-01`,
      { kind: 'working', ranges: ['10:00-16:00'], name: 'on call' },
      tokens.admin,
    );
    expect(day.status).toBe(200);
    const imported = await h.api.postAs<CalendarBody>(`/api/v1/sla/calendars/${id}/import`, tokens.admin, {
      years: [2026],
    });
    expect(imported.status).toBe(200);
    const days = imported.body.calendar.days ?? [];
    // The admin's day survives the import; the rest of Golden Week is official.
    expect(days.find((d) => d.date === '2026-10-01')).toMatchObject({ kind: 'working', source: 'admin' });
    expect(days.find((d) => d.date === '2026-10-02')).toMatchObject({ kind: 'holiday', source: 'official' });
    expect(days.some((d) => d.kind === 'working' && d.source === 'official')).toBe(true);
    const stale = await h.api.put(`/api/v1/sla/calendars/${id}`, { ...body, version: 1 }, tokens.admin);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'stale_version' } });
  });

  it('versions policies, refuses a stale save, and shows a ticket’s running clock to the agent who has it', async () => {
    const { tenant, team, agent, tokens } = await ownTenant();
    const calendar = await h.api.postAs<CalendarBody>('/api/v1/sla/calendars', tokens.admin, {
      name: 'Always',
      timeZone: 'UTC',
      alwaysOpen: true,
      weekly: {},
    });
    const input = {
      key: 'urgent-vip',
      name: 'Urgent or VIP',
      position: 1,
      calendarId: calendar.body.calendar.id,
      conditions: { anyOf: [{ priorities: ['urgent'] }, { tiers: ['vip'] }] },
      targets: { firstResponse: { default: 3600 } },
      reminders: [{ percent: 75 }],
      escalations: [{ level: 1, afterSeconds: 0, notify: ['team_managers'] }],
    };
    const created = await h.api.postAs<PolicyBody>('/api/v1/sla/policies', tokens.admin, input);
    expect(created.status).toBe(201);
    const id = created.body.policy.id;
    expect((await h.api.postAs('/api/v1/sla/policies', tokens.admin, input)).status).toBe(409);
    const saved = await h.api.put<PolicyBody>(
      `/api/v1/sla/policies/${id}`,
      { ...input, name: 'Urgent', version: 1 },
      tokens.admin,
    );
    expect(saved.body.policy.version).toBe(2);
    expect((await h.api.put(`/api/v1/sla/policies/${id}`, { ...input, version: 1 }, tokens.admin)).status).toBe(409);
    const versions = await h.api.get<{ versions: { version: number }[] }>(
      `/api/v1/sla/policies/${id}/versions`,
      tokens.admin,
    );
    expect(versions.body.versions.map((v) => v.version)).toEqual([1]);

    const ticket = await tenant.ticket({ priority: 'urgent', teamId: team.id, assigneeId: agent.id });
    await new UpdateTicketClocksUseCase({ db: h.db, onCommitted: () => undefined }).execute([
      { eventId: newId(), ticketId: ticket.id, event: { kind: 'created', at: new Date() } },
    ]);
    const sla = await h.api.get<TicketSlaBody>(`/api/v1/tickets/${ticket.number}/sla`, tokens.agent);
    expect(sla.status).toBe(200);
    expect(sla.body.policy?.key).toBe('urgent-vip');
    expect(sla.body.clocks).toEqual([expect.objectContaining({ clock: 'first_response', paused: false }) as unknown]);
    expect(sla.body.clocks[0]?.remainingBusinessSeconds).toBeGreaterThan(3500);
    expect((await h.api.get(`/api/v1/tickets/${ticket.id}/sla`, h.tokens.alice)).status).toBe(404);
  });
});
