import { verifyPassword } from '@switchboard/auth';
import { loadConfig } from '@switchboard/config';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { DEMO_PASSWORD, demoTenantSlug, seedDemoTenant } from './index';

interface SeededAgent {
  email: string;
  name: string;
  role: string;
  team: string | null;
  presence: string;
  capacity: number;
  password_hash: string | null;
}

async function seededAgents(db: Database): Promise<SeededAgent[]> {
  return db.query<SeededAgent>(
    `SELECT a.email, a.name, a.role, t.name AS team, a.presence, a.capacity, a.password_hash
     FROM agents a JOIN tenants tn ON tn.id = a.tenant_id LEFT JOIN teams t ON t.id = a.team_id
     WHERE tn.slug = $1 ORDER BY a.email`,
    [demoTenantSlug],
  );
}

async function countRows(db: Database): Promise<Record<string, number>> {
  const rows = await db.query<{ tenants: number; teams: number; agents: number; rules: number; types: number }>(
    `SELECT (SELECT count(*)::int FROM tenants) AS tenants, (SELECT count(*)::int FROM teams) AS teams,
            (SELECT count(*)::int FROM agents) AS agents, (SELECT count(*)::int FROM routing_rules) AS rules,
            (SELECT count(*)::int FROM ticket_types) AS types`,
  );
  return { ...rows[0] };
}

// The demo tenant has a fixed slug and the seed's contract is "the whole database holds exactly this",
// so each test starts from an empty database of its own rather than a tenant of its own.
describe('seedDemoTenant on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeEach(async () => {
    testDb = await createTestDatabase('demo');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
  });
  afterEach(async () => {
    await db.close();
    await testDb.drop();
  });

  it('creates the demo tenant with its teams, agents and routing rules, then does nothing', async () => {
    const seeded = await seedDemoTenant(db);
    expect(seeded).toMatchObject({ tenantSlug: 'demo', password: DEMO_PASSWORD });
    expect(seeded?.agents.map((a) => `${a.email} ${a.role} ${a.team}`)).toEqual([
      'alice@demo.switchboard.local agent Support',
      'bob@demo.switchboard.local agent Support',
      'carol@demo.switchboard.local manager Billing',
      'admin@demo.switchboard.local admin null',
    ]);
    const tenants = await db.query(`SELECT id, name, ticket_prefix FROM tenants WHERE slug = 'demo'`);
    expect(tenants).toEqual([{ id: seeded?.tenantId, name: 'Demo Company', ticket_prefix: 'SB' }]);
    const before = await countRows(db);
    expect(before).toEqual({ tenants: 1, teams: 2, agents: 4, rules: 2, types: 6 });

    await expect(seedDemoTenant(db)).resolves.toBeUndefined();
    expect(await countRows(db)).toEqual(before);
  });

  it('routes billing to Billing and everything else to Support', async () => {
    await seedDemoTenant(db);
    const rules = await db.query(
      `SELECT r.position, r.name, r.conditions, t.name AS team, r.priority, r.enabled
       FROM routing_rules r JOIN teams t ON t.id = r.team_id ORDER BY r.position`,
    );
    expect(rules).toEqual([
      {
        position: 1,
        name: 'Billing questions',
        conditions: { category: ['billing'] },
        team: 'Billing',
        priority: null,
        enabled: true,
      },
      { position: 2, name: 'Everything else', conditions: {}, team: 'Support', priority: null, enabled: true },
    ]);
    const strategies = await db.query(`SELECT name, strategy FROM teams ORDER BY name`);
    expect(strategies).toEqual([
      { name: 'Billing', strategy: 'least_loaded' },
      { name: 'Support', strategy: 'least_loaded' },
    ]);
  });

  it('lets every demo agent log in with DEMO_PASSWORD, each hash salted on its own', async () => {
    await seedDemoTenant(db);
    const agents = await seededAgents(db);
    expect(agents.map((a) => [a.name, a.presence, a.capacity])).toEqual([
      ['Dana Zhou', 'offline', 0],
      ['Alice Chen', 'online', 20],
      ['Bob Li', 'online', 20],
      ['Carol Wang', 'online', 20],
    ]);
    for (const agent of agents) {
      await expect(verifyPassword(DEMO_PASSWORD, agent.password_hash)).resolves.toBe(true);
      await expect(verifyPassword('wrong', agent.password_hash)).resolves.toBe(false);
    }
    expect(new Set(agents.map((a) => a.password_hash)).size).toBe(agents.length);
  });

  it('creates the tenant once when two processes start together', async () => {
    expect(await countRows(db)).toEqual({ tenants: 0, teams: 0, agents: 0, rules: 0, types: 0 });
    const results = await Promise.all([seedDemoTenant(db), seedDemoTenant(db)]);
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect(await countRows(db)).toEqual({ tenants: 1, teams: 2, agents: 4, rules: 2, types: 6 });
  });

  it("seeds the urgent/VIP 1-business-hour SLA policy on a Shanghai calendar with China's official days", async () => {
    await seedDemoTenant(db);
    const policies = await db.query<{
      key: string;
      position: number;
      targets: { firstResponse?: { default?: number } };
    }>(
      `SELECT p.key, p.position, p.targets FROM sla_policies p JOIN tenants t ON t.id = p.tenant_id
        WHERE t.slug = 'demo' ORDER BY p.position`,
    );
    expect(policies.map((p) => p.key)).toEqual(['urgent-vip', 'standard']);
    expect(policies[0]?.targets.firstResponse?.default).toBe(3600);
    const [calendar] = await db.query<{ time_zone: string; days: number }>(
      `SELECT c.time_zone, (SELECT count(*)::int FROM business_calendar_days d WHERE d.calendar_id = c.id) AS days
         FROM business_calendars c`,
    );
    expect(calendar?.time_zone).toBe('Asia/Shanghai');
    expect(calendar?.days).toBeGreaterThan(10);
  });
});
