import { newId } from '@switchboard/ids';
import type { Database } from '@switchboard/persistence';
import type { TicketToRoute } from '@switchboard/routing';

export interface RoutingFixtureSize {
  readonly teams: number;
  readonly agentsPerTeam: number;
  readonly rules: number;
  readonly tickets: number;
}

export interface RoutingFixture {
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly tickets: readonly TicketToRoute[];
}

const CATEGORIES = Array.from({ length: 25 }, (_, i) => `cat-${i}`);
const TIERS = ['standard', 'gold', 'platinum'];
const REGIONS = ['eu', 'us', 'apac', 'latam'];
const CHANNELS = ['web', 'email', 'sms', 'wechat'];
const PRIORITIES = [null, 'low', 'normal', 'high'];
/** Share of tickets whose category is one of the rare ones the first half of the rules is about. */
const RARE_SHARE = 0.02;

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const random = <T>(list: readonly T[]): T => pick(list, Math.floor(Math.random() * list.length));

/**
 * Rule conditions, by position: the first half names rare categories (nearly every ticket is checked
 * against them and fails), the second half category × tier pairs, some narrowed by region or channel,
 * then channel × region rules, and a catch-all last. So most tickets match past position 100.
 */
function ruleConditions(position: number, count: number): Record<string, string[]> {
  const half = Math.floor(count / 2);
  if (position === count) return {};
  const i = position - 1;
  if (i < half) return { category: [`rare-${i}`], tier: [pick(TIERS, i)], region: [pick(REGIONS, i)] };
  const j = i - half;
  if (j >= CATEGORIES.length * TIERS.length) return { channel: [pick(CHANNELS, j)], region: [pick(REGIONS, j)] };
  const conditions: Record<string, string[]> = {
    category: [pick(CATEGORIES, j)],
    tier: [pick(TIERS, Math.floor(j / CATEGORIES.length))],
  };
  if (j % 2 === 0) conditions['region'] = [pick(REGIONS, j), pick(REGIONS, j + 1), pick(REGIONS, j + 2)];
  if (j % 3 === 0) conditions['channel'] = [pick(CHANNELS, j), pick(CHANNELS, j + 1), pick(CHANNELS, j + 2)];
  return conditions;
}

function ticketFacts(): Omit<TicketToRoute, 'tenantSlug' | 'ticketId'> {
  const rare = Math.random() < RARE_SHARE;
  return {
    category: rare ? `rare-${Math.floor(Math.random() * 100)}` : random(CATEGORIES),
    tier: random(TIERS),
    region: random(REGIONS),
    channel: random(CHANNELS),
  };
}

/** One tenant with teams, online agents with room for everything, rules and new tickets, set-based. */
export async function seedRoutingFixture(db: Database, size: RoutingFixtureSize): Promise<RoutingFixture> {
  const tenantId = newId();
  const tenantSlug = 'bench';
  const teamIds = Array.from({ length: size.teams }, () => newId());
  await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, 'Bench')`, [tenantId, tenantSlug]);
  await db.query(
    `INSERT INTO teams (id, tenant_id, name) SELECT t.id, $2, 'Team ' || t.ord FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [teamIds, tenantId],
  );
  // Capacity far above the ticket count, in all and on every channel (SMS and WeChat default to 5 per
  // agent): the bench measures routing decisions, not the queue.
  await db.query(
    `INSERT INTO agents (id, tenant_id, team_id, email, name, presence, capacity, channel_capacity)
     SELECT gen_random_uuid(), $2, t.id, 'agent-' || t.ord || '-' || g || '@bench.test', 'Agent ' || t.ord || '-' || g, 'online',
            1000000, $4::jsonb
     FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord) CROSS JOIN generate_series(1, $3::int) AS g`,
    [teamIds, tenantId, size.agentsPerTeam, JSON.stringify(Object.fromEntries(CHANNELS.map((c) => [c, 1_000_000])))],
  );
  const positions = Array.from({ length: size.rules }, (_, i) => i + 1);
  await db.query(
    `INSERT INTO routing_rules (id, tenant_id, name, position, conditions, team_id, priority)
     SELECT gen_random_uuid(), $1, 'Rule ' || r.position, r.position, r.conditions, r.team_id, r.priority
     FROM unnest($2::int[], $3::jsonb[], $4::uuid[], $5::text[]) AS r(position, conditions, team_id, priority)`,
    [
      tenantId,
      positions,
      positions.map((p) => JSON.stringify(ruleConditions(p, size.rules))),
      positions.map((p) => pick(teamIds, p - 1)),
      positions.map((p) => pick(PRIORITIES, p)),
    ],
  );
  const tickets = Array.from({ length: size.tickets }, () => ({ tenantSlug, ticketId: newId(), ...ticketFacts() }));
  const customers = tickets.map(() => newId());
  await db.query(
    `INSERT INTO customers (id, tenant_id, tier, region) SELECT c.id, $1, c.tier, c.region
     FROM unnest($2::uuid[], $3::text[], $4::text[]) AS c(id, tier, region)`,
    [tenantId, customers, tickets.map((t) => t.tier), tickets.map((t) => t.region)],
  );
  await db.query(
    `INSERT INTO tickets (id, tenant_id, number, customer_id, channel, category, tier, region, conversation_key)
     SELECT t.id, $1, 'BR-' || t.ord, t.customer_id, t.channel, t.category, t.tier, t.region, t.id::text
     FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
       WITH ORDINALITY AS t(id, customer_id, channel, category, tier, region, ord)`,
    [
      tenantId,
      tickets.map((t) => t.ticketId),
      customers,
      tickets.map((t) => t.channel),
      tickets.map((t) => t.category),
      tickets.map((t) => t.tier),
      tickets.map((t) => t.region),
    ],
  );
  // A live database's autovacuum would have analyzed these by now. Without statistics the planner
  // expects one new unassigned ticket and runs the routing UPDATE as a nested loop over a sequential
  // scan of tickets (500 × 20,000 comparisons, about 2 s per batch) instead of primary-key lookups.
  await db.query(`ANALYZE tenants, teams, agents, routing_rules, customers, tickets`);
  return { tenantId, tenantSlug, tickets };
}
