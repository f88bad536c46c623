import pg from 'pg';
import { loadConfig } from '@switchboard/config';
import { Topics, encodeInboundMessage } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { createTransport, type Transport } from '@switchboard/messaging';
import { createTestDatabase, distributedEnv, factory, type TestDatabase } from '@switchboard/testing';
import { eventually } from './support/http-client';
import { ServiceProcess } from './support/service-process';

const TICKETS = 1_000;
const AGENTS = 10;
const SMALL_TEAM_TICKETS = 30;

/**
 * Three routing-service processes race for the same agents over the real broker and Redis while
 * 1,030 tickets arrive at once: every ticket is assigned at most once, no agent goes over capacity,
 * and equal agents end up within one ticket of each other.
 */
describe('routing across three routing-service processes', () => {
  let database: TestDatabase;
  let sql: pg.Pool;
  let transport: Transport;
  const services: ServiceProcess[] = [];
  const tenantId = newId();
  const support = newId();
  const small = newId();

  beforeAll(async () => {
    database = await createTestDatabase('e2e_race');
    const env = {
      ...distributedEnv('race', database.url),
      INGEST_CONCURRENCY: '2',
    };
    transport = createTransport(loadConfig(env), 'race-spec');
    services.push(new ServiceProcess('ticket-service', 'apps/ticket-service/src/main.ts', env));
    await services[0]?.waitFor(/ticket-service ready/);
    sql = new pg.Pool({ connectionString: database.url, max: 2 });
    await seed(sql);
    for (let i = 0; i < 3; i++)
      services.push(new ServiceProcess(`routing-service`, 'apps/routing-service/src/main.ts', env));
    await Promise.all(services.slice(1).map((s) => s.waitFor(/routing-service ready/)));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await transport?.close();
    await sql?.end();
    await database?.drop();
  }, 60_000);

  async function seed(db: pg.Pool): Promise<void> {
    await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'race', 'Race')`, [tenantId]);
    await db.query(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $3, 'Support'), ($2, $3, 'Small')`, [
      support,
      small,
      tenantId,
    ]);
    const agents = Array.from({ length: AGENTS }, (_, i) => [newId(), support, `a${i}@race.test`, 150]);
    agents.push(...Array.from({ length: 3 }, (_, i) => [newId(), small, `s${i}@race.test`, 5]));
    for (const [id, team, email, capacity] of agents) {
      await db.query(
        `INSERT INTO agents (id, tenant_id, team_id, email, name, presence, capacity) VALUES ($1, $2, $3, $4, $4, 'online', $5)`,
        [id, tenantId, team, email, capacity],
      );
    }
    await db.query(
      `INSERT INTO routing_rules (id, tenant_id, name, position, conditions, team_id) VALUES
        ($1, $3, 'Small', 1, '{"category":["small"]}', $4), ($2, $3, 'Everything else', 2, '{}', $5)`,
      [newId(), newId(), tenantId, small, support],
    );
  }

  it('assigns every ticket once, keeps agents within capacity, and spreads load evenly', async () => {
    const messages = [
      ...Array.from({ length: TICKETS }, () => factory.inboundMessage({ tenant: 'race' })),
      ...Array.from({ length: SMALL_TEAM_TICKETS }, () =>
        factory.inboundMessage({ tenant: 'race', category: 'small' }),
      ),
    ];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        transport.publish(
          Topics.inboundMessages,
          messages
            .slice(i * 103, (i + 1) * 103)
            .map((m) => ({ key: m.conversationKey, value: encodeInboundMessage(m) })),
        ),
      ),
    );
    await eventually(
      async () => {
        const { rows } = await sql.query<{ n: string }>(
          `SELECT count(*) AS n FROM tickets t WHERE EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type IN ('assigned', 'queued'))`,
        );
        return Number(rows[0]?.n) === TICKETS + SMALL_TEAM_TICKETS ? true : undefined;
      },
      120_000,
      'every ticket routed',
    );

    const twice = await sql.query(
      `SELECT ticket_id FROM ticket_events WHERE type = 'assigned' GROUP BY ticket_id HAVING count(*) > 1`,
    );
    expect(twice.rows).toEqual([]);
    const loads = await sql.query<{ team_id: string; capacity: number; open: string }>(
      `SELECT a.team_id, a.capacity, count(t.id) AS open FROM agents a LEFT JOIN tickets t ON t.assignee_id = a.id GROUP BY a.id`,
    );
    for (const row of loads.rows) expect(Number(row.open)).toBeLessThanOrEqual(row.capacity);
    const supportLoads = loads.rows.filter((r) => r.team_id === support).map((r) => Number(r.open));
    expect(supportLoads.reduce((a, b) => a + b, 0)).toBe(TICKETS);
    expect(Math.max(...supportLoads) - Math.min(...supportLoads)).toBeLessThanOrEqual(1);
    const smallTeam = loads.rows.filter((r) => r.team_id === small).map((r) => Number(r.open));
    expect(smallTeam).toEqual([5, 5, 5]);
    const queued = await sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM tickets WHERE team_id = $1 AND assignee_id IS NULL`,
      [small],
    );
    expect(Number(queued.rows[0]?.n)).toBe(SMALL_TEAM_TICKETS - 15);
  }, 180_000);
});
