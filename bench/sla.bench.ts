/**
 * `npm run bench:sla`: SLA timers fired per second and their lateness with BENCH_SLA_TICKETS (100,000)
 * open tickets, through the real path (two SlaTimerLoop instances on their own pools: claim FOR UPDATE
 * SKIP LOCKED, lock and re-evaluate the clock, write the event, the audit row and the assignee's mail
 * through the outbox), next to the raw ceiling measured in the same run: a bare SKIP LOCKED claim-and-
 * delete loop over a table of due rows alone, two instances alike, the same counts and schedule.
 *
 * Two phases each: a burst (BENCH_SLA_BURST timers all due at once: the drain rate) and a steady run
 * (BENCH_SLA_STEADY timers due evenly over BENCH_SLA_WINDOW_S seconds: lateness = commit − due time).
 */
import { loadConfig } from '@switchboard/config';
import { InMemoryCapacityStore } from '@switchboard/coordination';
import { newId } from '@switchboard/ids';
import { createLogger } from '@switchboard/logger';
import { openDatabase, type Database } from '@switchboard/persistence';
import {
  calendarInputSchema,
  FireDueTimersUseCase,
  ManageCalendarsUseCase,
  ManagePoliciesUseCase,
  policyInputSchema,
  SlaTimerLoop,
  UpdateTicketClocksUseCase,
  type SlaInputEvent,
} from '@switchboard/sla';
import { createTestDatabase } from '@switchboard/testing';
import { fmt, percentile, perSecond } from './support/stats';

const TICKETS = Number(process.env['BENCH_SLA_TICKETS'] ?? 100_000);
const BURST = Number(process.env['BENCH_SLA_BURST'] ?? 10_000);
const STEADY = Number(process.env['BENCH_SLA_STEADY'] ?? 10_000);
const WINDOW_S = Number(process.env['BENCH_SLA_WINDOW_S'] ?? 20);
const BATCH = 500;
const POLL_MS = Number(process.env['SLA_TIMER_POLL_MS'] ?? 500);
const log = createLogger('SlaBench');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const spread = (ms: readonly number[]): string =>
  `p50 ${fmt(percentile(ms, 50))} ms, p99 ${fmt(percentile(ms, 99))} ms, max ${fmt(percentile(ms, 100))} ms`;

async function seed(db: Database): Promise<{ tenantId: string; trackMs: number }> {
  const tenantId = newId();
  const teamId = newId();
  const agentId = newId();
  const customerId = newId();
  await db.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, 'bench', 'Bench')`, [tenantId]);
  await db.query(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $2, 'Support')`, [teamId, tenantId]);
  await db.query(
    `INSERT INTO agents (id, tenant_id, team_id, email, name) VALUES ($1, $2, $3, 'ann@bench.test', 'Ann')`,
    [agentId, tenantId, teamId],
  );
  await db.query(`INSERT INTO customers (id, tenant_id, name) VALUES ($1, $2, 'Wei')`, [customerId, tenantId]);
  await db.query(
    `INSERT INTO tickets (id, tenant_id, number, customer_id, status, priority, channel, conversation_key, team_id, assignee_id)
     SELECT gen_random_uuid(), $1, 'SB-' || lpad(n::text, 7, '0'), $2, 'assigned', 'urgent', 'email', 'c-' || n, $3, $4
       FROM generate_series(1, $5::int) AS n`,
    [tenantId, customerId, teamId, agentId, TICKETS],
  );
  const calendar = await new ManageCalendarsUseCase(db).create(
    tenantId,
    calendarInputSchema.parse({ name: '24x7', timeZone: 'Asia/Shanghai', alwaysOpen: true, weekly: {} }),
  );
  await new ManagePoliciesUseCase(db).create(
    tenantId,
    policyInputSchema.parse({
      key: 'urgent',
      name: 'Urgent',
      position: 1,
      calendarId: calendar.id,
      targets: { firstResponse: { default: 10 * 3600 } },
    }),
  );
  // Every ticket tracked through the consumer's use-case, a batch of 500 created events per transaction.
  const clocks = new UpdateTicketClocksUseCase({ db, onCommitted: () => undefined });
  const ids = (await db.query<{ id: string }>(`SELECT id FROM tickets WHERE tenant_id = $1`, [tenantId])).map(
    (r) => r.id,
  );
  const t0 = performance.now();
  for (let i = 0; i < ids.length; i += BATCH) {
    const events: SlaInputEvent[] = ids
      .slice(i, i + BATCH)
      .map((ticketId) => ({ eventId: newId(), ticketId, event: { kind: 'created', at: new Date() } }));
    await clocks.execute(events);
  }
  return { tenantId, trackMs: performance.now() - t0 };
}

/** Moves `count` timers (not yet moved) to due times from `start`, `stepMs` apart. */
async function schedule(db: Database, table: string, count: number, start: number, stepMs: number): Promise<void> {
  await db.query(
    `UPDATE ${table} t SET fire_at = to_timestamp(($1::float8 + s.rn * $2::float8) / 1000.0)
       FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM ${table}
              WHERE fire_at > now() + interval '1 hour' ORDER BY id LIMIT $3) s
      WHERE t.id = s.id`,
    [start, stepMs, count],
  );
}

/** The raw ceiling: claim due rows SKIP LOCKED and delete them, nothing else. */
function bareLoop(db: Database, lateness: number[], stop: () => boolean): Promise<void> {
  return (async () => {
    while (!stop()) {
      const due = await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string; fire_at: Date }>(
          `SELECT id, fire_at FROM bench_bare_timers WHERE fire_at <= now() ORDER BY fire_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        );
        if (rows.length > 0)
          await tx.query(`DELETE FROM bench_bare_timers WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
        return rows;
      });
      const committed = Date.now();
      for (const r of due) lateness.push(committed - new Date(r.fire_at).getTime());
      if (due.length < BATCH) await sleep(POLL_MS);
    }
  })();
}

async function remaining(db: Database, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE fire_at <= now() + interval '1 hour'`,
  );
  return row?.n ?? 0;
}

interface Phase {
  readonly burstMs: number;
  readonly burstLateness: number[];
  readonly steadyLateness: number[];
}

/** A burst, then a steady window, against whichever loops `run` starts; waits until the table has none left. */
async function phases(db: Database, table: string, run: (lateness: number[]) => () => Promise<void>): Promise<Phase> {
  const burstLateness: number[] = [];
  await schedule(db, table, BURST, Date.now() - 1000, 0);
  const t0 = performance.now();
  const stopBurst = run(burstLateness);
  while ((await remaining(db, table)) > 0) await sleep(50);
  const burstMs = performance.now() - t0;
  await stopBurst();
  const steadyLateness: number[] = [];
  await schedule(db, table, STEADY, Date.now() + 2000, (WINDOW_S * 1000) / STEADY);
  const stopSteady = run(steadyLateness);
  while ((await remaining(db, table)) > 0) await sleep(200);
  await stopSteady();
  return { burstMs, burstLateness, steadyLateness };
}

const database = await createTestDatabase('sla_bench');
const config = loadConfig({ DATABASE_URL: database.url });
const dbs = [await openDatabase(config), await openDatabase(config)];
const [db] = dbs as [Database, Database];
try {
  const { trackMs } = await seed(db);
  const [open] = await db.query<{ clocks: number; timers: number }>(
    `SELECT (SELECT count(*)::int FROM sla_clocks WHERE state = 'running') AS clocks, (SELECT count(*)::int FROM sla_timers) AS timers`,
  );

  await db.query(`CREATE TABLE bench_bare_timers (id uuid PRIMARY KEY, fire_at timestamptz NOT NULL)`);
  await db.query(`INSERT INTO bench_bare_timers SELECT id, fire_at FROM sla_timers`);
  await db.query(`CREATE INDEX bench_bare_timers_due ON bench_bare_timers (fire_at)`);

  const bare = await phases(db, 'bench_bare_timers', (lateness) => {
    let stopped = false;
    const loops = dbs.map((d) => bareLoop(d, lateness, () => stopped));
    return async () => {
      stopped = true;
      await Promise.all(loops);
    };
  });

  const engine = await phases(db, 'sla_timers', (lateness) => {
    const loops = dbs.map((d) => {
      const fire = new FireDueTimersUseCase({ db: d, onCommitted: () => undefined, batchSize: BATCH });
      const clocks = new UpdateTicketClocksUseCase({ db: d, onCommitted: () => undefined });
      const measured = {
        execute: async () => {
          const outcome = await fire.execute();
          lateness.push(...outcome.lateness);
          return outcome;
        },
      };
      const loop = new SlaTimerLoop({
        fire: measured,
        clocks,
        capacity: new InMemoryCapacityStore(),
        pollMs: POLL_MS,
        batchSize: BATCH,
        log,
      });
      loop.start();
      return loop;
    });
    return async () => {
      await Promise.all(loops.map((l) => l.stop()));
    };
  });

  const [check] = await db.query<{ events: number; distinct: number; mails: number }>(
    `SELECT count(*)::int AS events, count(DISTINCT ticket_id)::int AS distinct,
            (SELECT count(*)::int FROM outbox WHERE topic = 'notifications.email.v1') AS mails
       FROM ticket_events WHERE type = 'sla_breached'`,
  );
  const fired = BURST + STEADY;
  const rateOf = (p: Phase): number => perSecond(BURST, p.burstMs);
  const within5s = (ms: readonly number[]): string =>
    `${fmt((100 * ms.filter((x) => x <= 5000).length) / Math.max(1, ms.length), 1)} %`;
  const lines = [
    '',
    `Switchboard SLA timer bench — ${fmt(TICKETS)} open tickets (${fmt(open?.clocks ?? 0)} running clocks, ${fmt(open?.timers ?? 0)} timers), two instances, batches of ${BATCH}, idle poll ${POLL_MS} ms`,
    `  tracking  UpdateTicketClocksUseCase (created events → clocks + timers): ${fmt(perSecond(TICKETS, trackMs))} tickets/s`,
    `  burst     ${fmt(BURST)} timers due at once — engine: ${fmt(rateOf(engine))} fired/s; bare SKIP LOCKED loop: ${fmt(rateOf(bare))} claims/s; ratio ${fmt(rateOf(engine) / rateOf(bare), 3)}`,
    `  steady    ${fmt(STEADY)} timers due over ${WINDOW_S} s (${fmt(STEADY / WINDOW_S)}/s) — lateness (commit − due):`,
    `            engine ${spread(engine.steadyLateness)}; within 5 s: ${within5s(engine.steadyLateness)}`,
    `            bare   ${spread(bare.steadyLateness)}; within 5 s: ${within5s(bare.steadyLateness)}`,
    `  check     ${fmt(check?.events ?? 0)} SlaBreached for ${fmt(check?.distinct ?? 0)} tickets (expected ${fmt(fired)} each), ${fmt(check?.mails ?? 0)} assignee mails`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
  if (check?.events !== fired || check.distinct !== fired) process.exitCode = 1;
} finally {
  for (const d of dbs) await d.close();
  await database.drop();
}
