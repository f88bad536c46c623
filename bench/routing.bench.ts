/**
 * `npm run bench:routing`: routing decisions per second and latency with 1,000 agents in 100 teams and
 * 200 rules, through the real path (AssignTicketsUseCase: rules → Redis reservation → Postgres commit),
 * the decision alone (decideRouting: rules → Redis, no SQL), and in the same run the bare Redis round
 * trips a decision needs: the same number of Lua calls over 10 keys, and PINGs, pipelined alike.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@switchboard/config';
import { RedisCapacityStore, type Reservation } from '@switchboard/coordination';
import { createLogger } from '@switchboard/logger';
import { openDatabase, type Database, type SqlExecutor } from '@switchboard/persistence';
import {
  AssignTicketsUseCase,
  RoutingDirectory,
  decideRouting,
  firstMatchingRule,
  reconcileCapacity,
  type TenantRouting,
  type TicketToRoute,
} from '@switchboard/routing';
import { createTestDatabase } from '@switchboard/testing';
import { timeBatches, type BatchTimings } from './support/batch-timer';
import { RedisBaseline, type LuaCall } from './support/redis-baseline';
import { seedRoutingFixture } from './support/routing-fixture';
import { fmt, percentile, perSecond } from './support/stats';

const N = Number(process.env['BENCH_TICKETS'] ?? 20_000);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 500);
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const size = { teams: 100, agentsPerTeam: 10, rules: 200, tickets: N + BATCH };

const rate = (t: BatchTimings): number => perSecond(t.batchMs.length === 0 ? 0 : N, t.totalMs);
const spread = (ms: readonly number[]): string =>
  `p50 ${fmt(percentile(ms, 50), 1)} ms, p99 ${fmt(percentile(ms, 99), 1)} ms, max ${fmt(percentile(ms, 100), 1)} ms`;

/**
 * The Database the use-case gets, adding up the time of its commit transactions and of each kind of
 * statement in them (keyed by the statement's first words), to show where the write's time goes.
 */
function timingTransactions(db: Database): { db: Database; ms: Map<string, number> } {
  const ms = new Map<string, number>();
  const add = (key: string, since: number): void => {
    ms.set(key, (ms.get(key) ?? 0) + performance.now() - since);
  };
  const timedTx = (tx: SqlExecutor): SqlExecutor => ({
    query: async <Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> => {
      const t0 = performance.now();
      try {
        return await tx.query<Row>(sql, params);
      } finally {
        add(sql.trim().split(/\s+/).slice(0, 3).join(' '), t0);
      }
    },
  });
  const timed: Database = {
    ...db,
    transaction: async <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await db.transaction((tx) => fn(timedTx(tx)));
      } finally {
        add('transaction', t0);
      }
    },
  };
  return { db: timed, ms };
}

/** The decision without the write: as the use-case does it, every ticket of a batch issued together. */
async function decideOnly(
  directory: RoutingDirectory,
  db: Database,
  capacity: RedisCapacityStore,
  slice: readonly TicketToRoute[],
  reserved: Reservation[],
  perTicketMs: number[],
): Promise<void> {
  const issued = performance.now();
  const routable: { ticket: TicketToRoute; routing: TenantRouting }[] = [];
  for (const ticket of slice) {
    const routing = await directory.forTenant(db, ticket.tenantSlug);
    if (routing) routable.push({ ticket, routing });
  }
  await Promise.all(
    routable.map(async ({ ticket, routing }) => {
      const decision = await decideRouting(routing, ticket, capacity);
      perTicketMs.push(performance.now() - issued);
      if (decision.agentId) reserved.push({ tenantId: routing.tenantId, agentId: decision.agentId });
    }),
  );
}

/** Exactly once: every ticket has an assignee and exactly one `assigned` event. */
async function assignedExactlyOnce(db: Database): Promise<{ tickets: number; once: number }> {
  const [row] = await db.query<{ tickets: string; once: string }>(
    `SELECT (SELECT count(*) FROM tickets) AS tickets,
            (SELECT count(*) FROM tickets t WHERE t.assignee_id IS NOT NULL AND t.status = 'assigned'
               AND (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'assigned') = 1) AS once`,
  );
  return { tickets: Number(row?.tickets ?? 0), once: Number(row?.once ?? 0) };
}

const database = await createTestDatabase('bench_routing');
const keyPrefix = `bench-routing-${randomUUID().slice(0, 8)}`;
const db = await openDatabase(loadConfig({ DATABASE_URL: database.url }));
const capacity = new RedisCapacityStore(redisUrl, keyPrefix);
const baseline = new RedisBaseline(redisUrl);
try {
  const fixture = await seedRoutingFixture(db, size);
  const log = createLogger('RoutingBench');
  const directory = new RoutingDirectory(log);
  await reconcileCapacity(db, capacity);
  const routing = await directory.forTenant(db, fixture.tenantSlug);
  if (!routing) throw new Error('bench tenant not found');
  const warmup = fixture.tickets.slice(0, BATCH);
  const measured = fixture.tickets.slice(BATCH);
  const matchStarted = performance.now();
  const positions = measured.map((t) => firstMatchingRule(routing.rules, t)?.rule.position ?? 0);
  const matchMs = performance.now() - matchStarted;
  const deep = positions.filter((p) => p > size.rules / 2).length;
  const catchAll = positions.filter((p) => p === size.rules).length;

  // Same shape as the real reservation: the matched team's 10 counter keys, capacities as ARGV.
  const luaCall = (t: TicketToRoute): LuaCall => {
    const teamId = firstMatchingRule(routing.rules, t)?.rule.teamId ?? '';
    const agents = routing.agentsByTeam.get(teamId) ?? [];
    return {
      keys: agents.map((a) => `${keyPrefix}:{${routing.tenantId}}:baseline:${a.id}`),
      args: agents.map((a) => a.capacity),
    };
  };
  const calls = measured.map(luaCall);
  const ping = await timeBatches(warmup, measured, BATCH, (slice) => baseline.ping(slice.length));
  const lua = await timeBatches(calls.slice(0, BATCH), calls, BATCH, (slice) => baseline.lua(slice));

  const reserved: Reservation[] = [];
  const perTicketMs: number[] = [];
  const decide = await timeBatches(warmup, measured, BATCH, (slice) =>
    decideOnly(directory, db, capacity, slice, reserved, perTicketMs),
  );
  perTicketMs.splice(0, warmup.length);
  await capacity.release(reserved);

  const timed = timingTransactions(db);
  const assign = new AssignTicketsUseCase(timed.db, directory, capacity, log);
  let assigned = 0;
  const full = await timeBatches(warmup, measured, BATCH, async (slice) => {
    const outcomes = await assign.execute(slice);
    if (slice === warmup) timed.ms.clear();
    else assigned += outcomes.filter((o) => o.outcome === 'assigned').length;
  });
  const share = (ms: number): string => `${fmt((100 * ms) / full.totalMs)} %`;
  const sqlMs = timed.ms.get('transaction') ?? 0;
  const statements = [...timed.ms].filter(([k]) => k !== 'transaction').map(([k, ms]) => `${k} ${share(ms)}`);
  const check = await assignedExactlyOnce(db);

  const fullRate = rate(full);
  const decideRate = rate(decide);
  const luaRate = rate(lua);
  const pingRate = rate(ping);
  const batches = full.batchMs.length;
  const lines = [
    '',
    `Switchboard routing bench — ${fmt(N)} tickets (+${fmt(BATCH)} warm-up) in ${fmt(batches)} batches of ${BATCH}, one batch at a time; 1 tenant, ${size.teams} teams, ${fmt(size.teams * size.agentsPerTeam)} agents, ${size.rules} rules`,
    `  fixture   matched rule position: mean ${fmt(positions.reduce((a, b) => a + b, 0) / positions.length)}, ${fmt((100 * deep) / positions.length)} % past position ${size.rules / 2}, ${fmt((100 * catchAll) / positions.length)} % on the catch-all; rule matching alone ${fmt((1000 * matchMs) / N, 1)} µs per ticket`,
    `  routing   AssignTicketsUseCase (rules + Redis reserve + Postgres commit): ${fmt(fullRate)} decisions/s (${fmt(assigned)} assigned)`,
    `            batch latency: ${spread(full.batchMs)}; of the wall time, the commit transaction took ${share(sqlMs)}`,
    `            statements: ${statements.join(', ')}`,
    `  decision  decideRouting alone (rules + Redis reserve, no SQL): ${fmt(decideRate)} decisions/s`,
    `            batch latency: ${spread(decide.batchMs)}; per ticket, batch issued → its reservation back: ${spread(perTicketMs)}`,
    `  baseline  Redis Lua call, GET of 10 keys + INCR, one per ticket, auto-pipelined per batch: ${fmt(luaRate)} calls/s; batch ${spread(lua.batchMs)}`,
    `  baseline  Redis PING, one per ticket, auto-pipelined per batch: ${fmt(pingRate)} /s; batch ${spread(ping.batchMs)}`,
    `  ratios    routing / Lua baseline = ${fmt(fullRate / luaRate, 3)}, decision / Lua baseline = ${fmt(decideRate / luaRate, 3)}, Lua / PING = ${fmt(luaRate / pingRate, 3)}`,
    `  note      batch latency percentiles are over the ${fmt(batches)} batches (nearest rank: at ${fmt(batches)} samples p99 is the max); in the`,
    `            full path a ticket is decided when its batch commits, so a ticket's latency is its batch's latency`,
    `  check     ${fmt(check.once)} of ${fmt(check.tickets)} tickets assigned exactly once (assignee set, one 'assigned' event)`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  if (check.once !== check.tickets || check.tickets !== size.tickets) process.exitCode = 1;
} finally {
  await baseline.deletePrefix(`${keyPrefix}:`).catch(() => 0);
  await Promise.all([capacity.close(), baseline.close()]);
  await db.close();
  await database.drop();
}
