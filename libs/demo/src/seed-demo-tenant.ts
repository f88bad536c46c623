import { newId } from '@switchboard/ids';
import { hashPassword, type AgentRole } from '@switchboard/auth';
import type { Database, SqlExecutor } from '@switchboard/persistence';
import { seedSlaDefaults } from '@switchboard/sla';
import { seedTicketTypes } from '@switchboard/tickets';
import { DEMO_PASSWORD, demoTenant, demoTenantSlug } from './demo-tenant.definition';

export interface DemoSeedResult {
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly agents: readonly { email: string; name: string; role: AgentRole; team: string | null }[];
  readonly password: string;
}

type TeamIds = ReadonlyMap<string, string>;

function teamId(teamIds: TeamIds, name: string): string {
  const id = teamIds.get(name);
  if (!id) throw new Error(`Demo definition names an unknown team: ${name}`);
  return id;
}

/** Undefined when another process created the tenant first: the unique slug decides the race. */
async function insertTenant(tx: SqlExecutor): Promise<string | undefined> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO tenants (id, slug, name, ticket_prefix) VALUES ($1, $2, $3, $4)
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [newId(), demoTenant.slug, demoTenant.name, demoTenant.ticketPrefix],
  );
  return rows[0]?.id;
}

async function insertTeams(tx: SqlExecutor, tenantId: string): Promise<TeamIds> {
  const teamIds = new Map<string, string>();
  for (const team of demoTenant.teams) {
    const id = newId();
    await tx.query(`INSERT INTO teams (id, tenant_id, name, strategy) VALUES ($1, $2, $3, $4)`, [
      id,
      tenantId,
      team.name,
      team.strategy,
    ]);
    teamIds.set(team.name, id);
  }
  return teamIds;
}

async function insertAgents(
  tx: SqlExecutor,
  tenantId: string,
  teamIds: TeamIds,
  hashes: readonly string[],
): Promise<void> {
  for (const [index, agent] of demoTenant.agents.entries()) {
    const routable = agent.team !== null;
    await tx.query(
      `INSERT INTO agents (id, tenant_id, team_id, email, name, role, password_hash, presence, capacity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        newId(),
        tenantId,
        routable ? teamId(teamIds, agent.team) : null,
        agent.email,
        agent.name,
        agent.role,
        hashes[index],
        routable ? demoTenant.agentPresence : 'offline',
        routable ? demoTenant.agentCapacity : 0,
      ],
    );
  }
}

async function insertRoutingRules(tx: SqlExecutor, tenantId: string, teamIds: TeamIds): Promise<void> {
  for (const rule of demoTenant.routingRules) {
    await tx.query(
      `INSERT INTO routing_rules (id, tenant_id, name, position, conditions, team_id, priority)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
      [
        newId(),
        tenantId,
        rule.name,
        rule.position,
        JSON.stringify(rule.conditions),
        teamId(teamIds, rule.team),
        rule.priority,
      ],
    );
  }
}

async function demoTenantExists(db: Database): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM tenants WHERE slug = $1`, [demoTenantSlug]);
  return rows.length > 0;
}

/**
 * Creates the demo tenant (teams, agents, routing rules, ticket types, SLA calendar and policies) in one transaction on first start; a no-op
 * returning undefined once the tenant `demo` exists.
 */
export async function seedDemoTenant(db: Database): Promise<DemoSeedResult | undefined> {
  if (await demoTenantExists(db)) return undefined;
  // Hashed before the transaction: scrypt takes tens of milliseconds and needs no lock.
  const hashes = await Promise.all(demoTenant.agents.map(() => hashPassword(DEMO_PASSWORD)));
  const tenantId = await db.transaction(async (tx) => {
    const id = await insertTenant(tx);
    if (!id) return undefined;
    const teamIds = await insertTeams(tx, id);
    await insertAgents(tx, id, teamIds, hashes);
    await insertRoutingRules(tx, id, teamIds);
    await seedTicketTypes(tx, id);
    const year = new Date().getUTCFullYear();
    await seedSlaDefaults(tx, id, [year, year + 1]);
    return id;
  });
  if (!tenantId) return undefined;
  return {
    tenantId,
    tenantSlug: demoTenantSlug,
    agents: demoTenant.agents.map(({ email, name, role, team }) => ({ email, name, role, team })),
    password: DEMO_PASSWORD,
  };
}
