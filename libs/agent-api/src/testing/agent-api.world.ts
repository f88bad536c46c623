import { seedDemoTenant } from '@switchboard/demo';
import type { Database } from '@switchboard/persistence';
import { factory } from './agent-api.factory';

export const OTHER_TENANT_SLUG = 'other';
export const ADMIN_EMAIL = 'dana@demo.switchboard.local';
export const EVE_EMAIL = 'eve@other.example';
export const TEST_PASSWORD = 'a test password';

/** The demo tenant plus an admin and tickets, and a second tenant whose ticket numbers collide. */
export interface AgentApiWorld {
  readonly demoTenantId: string;
  readonly agents: Readonly<Record<'alice' | 'bob' | 'carol' | 'dana' | 'eve', string>>;
  readonly teams: Readonly<Record<'support' | 'billing', string>>;
  /** Demo tenant ticket ids by number (SB-000001 ...). */
  readonly tickets: ReadonlyMap<string, string>;
  readonly otherTenantTickets: ReadonlyMap<string, string>;
}

type Assignee = 'alice' | 'bob' | 'carol' | null;
// number, assignee, team, created at, status: 0003 and 0004 share a millisecond, 0005 and 0006 an instant.
const DEMO_TICKETS: readonly [string, Assignee, 'Support' | 'Billing' | null, string, string][] = [
  ['SB-000001', 'alice', 'Support', '2026-01-01T10:00:00Z', 'assigned'],
  ['SB-000002', 'alice', 'Support', '2026-01-02T10:00:00Z', 'assigned'],
  ['SB-000003', 'alice', 'Support', '2026-01-03T10:00:00.000500Z', 'assigned'],
  ['SB-000004', 'alice', 'Support', '2026-01-03T10:00:00.000100Z', 'assigned'],
  ['SB-000005', 'alice', 'Support', '2026-01-04T10:00:00Z', 'pending_customer'],
  ['SB-000006', 'bob', 'Support', '2026-01-04T10:00:00Z', 'assigned'],
  ['SB-000007', null, 'Billing', '2026-01-05T10:00:00Z', 'new'],
  ['SB-000008', 'carol', 'Billing', '2026-01-06T10:00:00Z', 'assigned'],
  ['SB-000009', null, null, '2026-01-07T10:00:00Z', 'new'],
];

async function idsByColumn(db: Database, sql: string, tenantId: string): Promise<Map<string, string>> {
  const rows = await db.query<{ key: string; id: string }>(sql, [tenantId]);
  return new Map(rows.map((row) => [row.key, row.id]));
}

function required(ids: ReadonlyMap<string, string>, key: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`Fixture is missing ${key}`);
  return id;
}

async function addDemoTickets(
  db: Database,
  tenantId: string,
  agents: ReadonlyMap<string, string>,
  teams: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const customerId = await factory.customer(db, tenantId, 'Wang Fang');
  const tickets = new Map<string, string>();
  for (const [number, assignee, team, createdAt, status] of DEMO_TICKETS) {
    const id = await factory.ticket(db, {
      tenantId,
      customerId,
      number,
      createdAt,
      status,
      teamId: team ? required(teams, team) : null,
      assigneeId: assignee ? required(agents, assignee) : null,
      category: team === 'Billing' ? 'billing' : null,
    });
    tickets.set(number, id);
  }
  return tickets;
}

async function addTimeline(db: Database, tenantId: string, ticketId: string): Promise<void> {
  // Inserted out of order on purpose: the API must order by time, not by insertion.
  await factory.message(db, {
    tenantId,
    ticketId,
    direction: 'outbound',
    bodyText: 'We are on it.',
    receivedAt: '2026-01-01T11:00:00Z',
  });
  await factory.message(db, {
    tenantId,
    ticketId,
    direction: 'inbound',
    bodyText: 'My order is late.',
    receivedAt: '2026-01-01T10:00:00Z',
  });
  await factory.event(db, {
    tenantId,
    ticketId,
    type: 'assigned',
    occurredAt: '2026-01-01T10:00:02Z',
    data: { team: 'Support' },
  });
  await factory.event(db, { tenantId, ticketId, type: 'created', occurredAt: '2026-01-01T10:00:01Z' });
}

async function addOtherTenant(db: Database): Promise<{ eve: string; tickets: Map<string, string> }> {
  const tenantId = await factory.tenant(db, OTHER_TENANT_SLUG);
  const teamId = await factory.team(db, tenantId, 'Support');
  const eve = await factory.agent(db, { tenantId, teamId, email: EVE_EMAIL, role: 'agent', password: TEST_PASSWORD });
  const customerId = await factory.customer(db, tenantId, 'Other Customer');
  const tickets = new Map<string, string>();
  for (const [number, assigneeId] of [
    ['SB-000001', eve],
    ['SB-000002', null],
  ] as const) {
    const id = await factory.ticket(db, {
      tenantId,
      customerId,
      number,
      teamId,
      assigneeId,
      createdAt: '2026-01-08T10:00:00Z',
    });
    tickets.set(number, id);
  }
  return { eve, tickets };
}

export async function buildAgentApiWorld(db: Database): Promise<AgentApiWorld> {
  const seeded = await seedDemoTenant(db);
  if (!seeded) throw new Error('The test database already had a demo tenant');
  const demoTenantId = seeded.tenantId;
  await factory.agent(db, { tenantId: demoTenantId, email: ADMIN_EMAIL, role: 'admin', password: TEST_PASSWORD });
  const agents = await idsByColumn(
    db,
    `SELECT split_part(email, '@', 1) AS key, id FROM agents WHERE tenant_id = $1`,
    demoTenantId,
  );
  const teams = await idsByColumn(db, `SELECT name AS key, id FROM teams WHERE tenant_id = $1`, demoTenantId);
  const tickets = await addDemoTickets(db, demoTenantId, agents, teams);
  await addTimeline(db, demoTenantId, required(tickets, 'SB-000001'));
  const other = await addOtherTenant(db);
  return {
    demoTenantId,
    agents: {
      alice: required(agents, 'alice'),
      bob: required(agents, 'bob'),
      carol: required(agents, 'carol'),
      dana: required(agents, 'dana'),
      eve: other.eve,
    },
    teams: { support: required(teams, 'Support'), billing: required(teams, 'Billing') },
    tickets,
    otherTenantTickets: other.tickets,
  };
}
