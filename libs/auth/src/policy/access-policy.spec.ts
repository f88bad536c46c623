import { abilityFor, canOnTicket, type AccessScope, type TicketAction, type TicketPlacement } from './access-policy';
import { ticketScopeSql } from './ticket-scope.sql';

const TENANT = '00000000-0000-4000-8000-000000000001';
const ME = '00000000-0000-4000-8000-0000000000a1';
const PEER = '00000000-0000-4000-8000-0000000000a2';
const [T1, T2, T3] = ['t1', 't2', 't3'].map((_, i) => `00000000-0000-4000-8000-00000000010${i}`) as [
  string,
  string,
  string,
];

/** The caller is in team T1; T2 shares T1's department, T3 is in another department. */
const scopeOf = (role: AccessScope['role']): AccessScope => ({
  agentId: ME,
  tenantId: TENANT,
  role,
  teamIds: [T1],
  departmentTeamIds: [T1, T2],
});

const tickets: Record<string, TicketPlacement> = {
  own: { tenantId: TENANT, teamId: T1, assigneeId: ME },
  sameTeam: { tenantId: TENANT, teamId: T1, assigneeId: PEER },
  teamQueue: { tenantId: TENANT, teamId: T1, assigneeId: null },
  otherTeam: { tenantId: TENANT, teamId: T2, assigneeId: PEER },
  otherDepartment: { tenantId: TENANT, teamId: T3, assigneeId: PEER },
  noTeam: { tenantId: TENANT, teamId: null, assigneeId: null },
  otherTenant: { tenantId: '00000000-0000-4000-8000-000000000002', teamId: T1, assigneeId: ME },
};

// Written out by hand from issue #19, not derived from the implementation.
const READ: Record<AccessScope['role'], string[]> = {
  agent: ['own', 'teamQueue'],
  team_lead: ['own', 'sameTeam', 'teamQueue'],
  manager: ['own', 'sameTeam', 'teamQueue', 'otherTeam'],
  admin: ['own', 'sameTeam', 'teamQueue', 'otherTeam', 'otherDepartment', 'noTeam'],
};
const MANAGE: Record<AccessScope['role'], string[]> = {
  agent: [],
  team_lead: ['own', 'sameTeam', 'teamQueue'],
  manager: ['own', 'sameTeam', 'teamQueue', 'otherTeam'],
  admin: READ.admin,
};

describe('access policy', () => {
  it.each(Object.keys(READ) as AccessScope['role'][])('lets a %s read and manage exactly their tickets', (role) => {
    const ability = abilityFor(scopeOf(role));
    const allowed = (action: TicketAction): string[] =>
      Object.entries(tickets)
        .filter(([, ticket]) => canOnTicket(ability, action, ticket))
        .map(([name]) => name);
    expect(allowed('read')).toEqual(READ[role]);
    expect(allowed('work')).toEqual(READ[role]);
    expect(allowed('manage')).toEqual(MANAGE[role]);
  });

  it('lets an agent review their team’s tickets, not another team’s', () => {
    const ability = abilityFor(scopeOf('agent'));
    expect(canOnTicket(ability, 'review', tickets.sameTeam as TicketPlacement)).toBe(true);
    expect(canOnTicket(ability, 'review', tickets.otherTeam as TicketPlacement)).toBe(false);
  });

  it('translates the same rules into one SQL condition with bound parameters', () => {
    const params: unknown[] = [];
    const bind = (value: unknown): string => `$${params.push(value)}`;
    const sql = ticketScopeSql(
      scopeOf('agent'),
      'read',
      { tenantId: 't.tenant_id', teamId: 't.team_id', assigneeId: 't.assignee_id' },
      bind,
    );
    expect(sql).toContain('t.assignee_id IS NULL');
    expect(sql).toContain('t.team_id = ANY(');
    expect(sql).not.toContain(ME);
    expect(params).toEqual(expect.arrayContaining([TENANT, ME, [T1]]));
  });

  it('answers false for an agent in no team asking for the queue, never an empty IN list', () => {
    const sql = ticketScopeSql(
      { ...scopeOf('agent'), teamIds: [] },
      'read',
      { tenantId: 'tenant_id', teamId: 'team_id', assigneeId: 'assignee_id' },
      (value) => JSON.stringify(value),
    );
    expect(sql).toContain('false');
  });
});
