import type { SqlExecutor } from '@switchboard/persistence';
import type { Metric, TicketFacts } from '../policies/sla-policy';
import type { PlannedTimer } from '../timers/plan-timers';
import type { ClockState, SlaClock, SlaMeasure } from './sla-clock';

/** The ticket as the SLA engine reads it (tickets is the tickets lib's; read only). */
export interface TicketSnapshot extends TicketFacts {
  readonly ticketId: string;
  readonly tenantId: string;
  readonly tenantSlug: string;
  readonly number: string;
  readonly status: string;
  readonly mergedIntoId: string | null;
  readonly assigneeId: string | null;
  readonly createdAt: Date;
}

export interface SlaTicketRow {
  readonly ticketId: string;
  readonly tenantId: string;
  readonly policyId: string | null;
  readonly policyVersion: number | null;
  readonly calendarId: string | null;
  readonly calendarVersion: number | null;
  readonly priority: string;
  readonly status: string;
  readonly responded: boolean;
  readonly recentEventIds: readonly string[];
}

export interface StoredClock extends SlaClock {
  readonly tenantId: string;
  readonly ticketId: string;
}

interface ClockRow {
  id: string;
  tenant_id: string;
  ticket_id: string;
  metric: Metric;
  cycle: number;
  state: ClockState;
  target_seconds: number;
  started_at: Date;
  elapsed_seconds: number;
  running_since: Date | null;
  due_at: Date | null;
  breached_at: Date | null;
  reminders_sent: number;
  escalated_level: number;
  stopped_at: Date | null;
  version: number;
}

export const CLOCK_COLUMNS = `id, tenant_id, ticket_id, metric, cycle, state, target_seconds, started_at, elapsed_seconds,
  running_since, due_at, breached_at, reminders_sent, escalated_level, stopped_at, version`;

export function toClock(r: ClockRow): StoredClock {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    ticketId: r.ticket_id,
    metric: r.metric,
    cycle: r.cycle,
    state: r.state,
    targetSeconds: r.target_seconds,
    startedAt: r.started_at,
    elapsedSeconds: r.elapsed_seconds,
    runningSince: r.running_since,
    dueAt: r.due_at,
    breachedAt: r.breached_at,
    remindersSent: r.reminders_sent,
    escalatedLevel: r.escalated_level,
    stoppedAt: r.stopped_at,
    version: r.version,
  };
}

export async function ticketSnapshots(
  tx: SqlExecutor,
  ticketIds: readonly string[],
): Promise<Map<string, TicketSnapshot>> {
  const rows = await tx.query<{
    id: string;
    tenant_id: string;
    slug: string;
    number: string;
    status: string;
    priority: string;
    tier: string;
    type_key: string | null;
    channel: string;
    team_id: string | null;
    category: string | null;
    sla_policy: string | null;
    merged_into_id: string | null;
    assignee_id: string | null;
    created_at: Date;
  }>(
    `SELECT t.id, t.tenant_id, tn.slug, t.number, t.status, t.priority, t.tier, tt.key AS type_key, t.channel,
            t.team_id, t.category, t.sla_policy, t.merged_into_id, t.assignee_id, t.created_at
       FROM tickets t JOIN tenants tn ON tn.id = t.tenant_id
       LEFT JOIN ticket_types tt ON tt.id = t.type_id AND tt.tenant_id = t.tenant_id
      WHERE t.id = ANY($1::uuid[])`,
    [ticketIds],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        ticketId: r.id,
        tenantId: r.tenant_id,
        tenantSlug: r.slug,
        number: r.number,
        status: r.merged_into_id ? 'merged' : r.status,
        priority: r.priority,
        tier: r.tier,
        ticketType: r.type_key,
        channel: r.channel,
        teamId: r.team_id,
        category: r.category,
        slaPolicyKey: r.sla_policy,
        mergedIntoId: r.merged_into_id,
        assigneeId: r.assignee_id,
        createdAt: r.created_at,
      },
    ]),
  );
}

/** Locks the tickets' SLA rows in id order (two batches sharing tickets wait, never deadlock). */
export async function lockSlaTickets(
  tx: SqlExecutor,
  ticketIds: readonly string[],
  skipLocked = false,
): Promise<Map<string, SlaTicketRow>> {
  const rows = await tx.query<{
    ticket_id: string;
    tenant_id: string;
    policy_id: string | null;
    policy_version: number | null;
    calendar_id: string | null;
    calendar_version: number | null;
    priority: string;
    status: string;
    responded: boolean;
    recent_event_ids: string[];
  }>(
    `SELECT ticket_id, tenant_id, policy_id, policy_version, calendar_id, calendar_version, priority, status, responded,
            recent_event_ids
       FROM sla_tickets WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id FOR UPDATE ${skipLocked ? 'SKIP LOCKED' : ''}`,
    [ticketIds],
  );
  return new Map(
    rows.map((r) => [
      r.ticket_id,
      {
        ticketId: r.ticket_id,
        tenantId: r.tenant_id,
        policyId: r.policy_id,
        policyVersion: r.policy_version,
        calendarId: r.calendar_id,
        calendarVersion: r.calendar_version,
        priority: r.priority,
        status: r.status,
        responded: r.responded,
        recentEventIds: r.recent_event_ids,
      },
    ]),
  );
}

/** Open clocks of the tickets (locked), and the highest cycle of every metric. */
export async function openClocks(
  tx: SqlExecutor,
  ticketIds: readonly string[],
): Promise<{ clocks: StoredClock[]; cycles: Map<string, Map<Metric, number>> }> {
  const rows = await tx.query<ClockRow>(
    `SELECT ${CLOCK_COLUMNS} FROM sla_clocks WHERE ticket_id = ANY($1::uuid[]) AND state IN ('running', 'paused')
      ORDER BY id FOR UPDATE`,
    [ticketIds],
  );
  const maxima = await tx.query<{ ticket_id: string; metric: Metric; cycle: number }>(
    `SELECT ticket_id, metric, max(cycle)::int AS cycle FROM sla_clocks WHERE ticket_id = ANY($1::uuid[]) GROUP BY 1, 2`,
    [ticketIds],
  );
  const cycles = new Map<string, Map<Metric, number>>();
  for (const m of maxima) {
    const own = cycles.get(m.ticket_id) ?? new Map<Metric, number>();
    own.set(m.metric, m.cycle);
    cycles.set(m.ticket_id, own);
  }
  return { clocks: rows.map(toClock), cycles };
}

export async function saveSlaTickets(tx: SqlExecutor, rows: readonly SlaTicketRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO sla_tickets (ticket_id, tenant_id, policy_id, policy_version, calendar_id, calendar_version, priority,
                              status, responded, recent_event_ids, needs_recompute)
     SELECT x.ticket_id, x.tenant_id, x.policy_id, x.policy_version, x.calendar_id, x.calendar_version, x.priority,
            x.status, x.responded, ARRAY(SELECT jsonb_array_elements_text(x.recent_event_ids))::uuid[], false
       FROM jsonb_to_recordset($1::jsonb) AS x(ticket_id uuid, tenant_id uuid, policy_id uuid, policy_version int,
            calendar_id uuid, calendar_version int, priority text, status text, responded boolean, recent_event_ids jsonb)
     ON CONFLICT (ticket_id) DO UPDATE SET policy_id = EXCLUDED.policy_id, policy_version = EXCLUDED.policy_version,
       calendar_id = EXCLUDED.calendar_id, calendar_version = EXCLUDED.calendar_version, priority = EXCLUDED.priority,
       status = EXCLUDED.status, responded = EXCLUDED.responded, recent_event_ids = EXCLUDED.recent_event_ids,
       needs_recompute = false, updated_at = now()`,
    [
      JSON.stringify(
        rows.map((r) => ({
          ticket_id: r.ticketId,
          tenant_id: r.tenantId,
          policy_id: r.policyId,
          policy_version: r.policyVersion,
          calendar_id: r.calendarId,
          calendar_version: r.calendarVersion,
          priority: r.priority,
          status: r.status,
          responded: r.responded,
          recent_event_ids: r.recentEventIds,
        })),
      ),
    ],
  );
}

export async function saveClocks(tx: SqlExecutor, clocks: readonly StoredClock[]): Promise<void> {
  if (clocks.length === 0) return;
  await tx.query(
    `INSERT INTO sla_clocks (${CLOCK_COLUMNS})
     SELECT x.id, x.tenant_id, x.ticket_id, x.metric, x.cycle, x.state, x.target_seconds, x.started_at, x.elapsed_seconds,
            x.running_since, x.due_at, x.breached_at, x.reminders_sent, x.escalated_level, x.stopped_at, x.version
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, tenant_id uuid, ticket_id uuid, metric text, cycle int, state text,
            target_seconds int, started_at timestamptz, elapsed_seconds float8, running_since timestamptz,
            due_at timestamptz, breached_at timestamptz, reminders_sent int, escalated_level smallint,
            stopped_at timestamptz, version int)
     ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, target_seconds = EXCLUDED.target_seconds,
       elapsed_seconds = EXCLUDED.elapsed_seconds, running_since = EXCLUDED.running_since, due_at = EXCLUDED.due_at,
       breached_at = EXCLUDED.breached_at, reminders_sent = EXCLUDED.reminders_sent,
       escalated_level = EXCLUDED.escalated_level, stopped_at = EXCLUDED.stopped_at, version = EXCLUDED.version`,
    [
      JSON.stringify(
        clocks.map((c) => ({
          id: c.id,
          tenant_id: c.tenantId,
          ticket_id: c.ticketId,
          metric: c.metric,
          cycle: c.cycle,
          state: c.state,
          target_seconds: c.targetSeconds,
          started_at: c.startedAt,
          elapsed_seconds: c.elapsedSeconds,
          running_since: c.runningSince,
          due_at: c.dueAt,
          breached_at: c.breachedAt,
          reminders_sent: c.remindersSent,
          escalated_level: c.escalatedLevel,
          stopped_at: c.stoppedAt,
          version: c.version,
        })),
      ),
    ],
  );
}

export async function saveMeasures(
  tx: SqlExecutor,
  measures: readonly (SlaMeasure & { tenantId: string; ticketId: string; policyId: string | null })[],
): Promise<void> {
  if (measures.length === 0) return;
  await tx.query(
    `INSERT INTO sla_measures (clock_id, tenant_id, ticket_id, metric, cycle, policy_id, outcome, target_seconds,
                               started_at, stopped_at, business_seconds, wall_seconds, breached)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(clock_id uuid, tenant_id uuid, ticket_id uuid, metric text,
            cycle int, policy_id uuid, outcome text, target_seconds int, started_at timestamptz, stopped_at timestamptz,
            business_seconds float8, wall_seconds float8, breached boolean)
     ON CONFLICT (clock_id) DO NOTHING`,
    [
      JSON.stringify(
        measures.map((m) => ({
          clock_id: m.clockId,
          tenant_id: m.tenantId,
          ticket_id: m.ticketId,
          metric: m.metric,
          cycle: m.cycle,
          policy_id: m.policyId,
          outcome: m.outcome,
          target_seconds: m.targetSeconds,
          started_at: m.startedAt,
          stopped_at: m.stoppedAt,
          business_seconds: m.businessSeconds,
          wall_seconds: m.wallSeconds,
          breached: m.breached,
        })),
      ),
    ],
  );
}

/**
 * The changed clocks' timers: the old ones go (except those a timer loop holds right now: it finds
 * them stale by version and drops them itself, so this never waits on the loop), the new ones come.
 */
export async function replaceTimers(
  tx: SqlExecutor,
  clockIds: readonly string[],
  timers: readonly (PlannedTimer & { tenantId: string; ticketId: string; id: string })[],
): Promise<void> {
  if (clockIds.length > 0) {
    await tx.query(
      `DELETE FROM sla_timers WHERE id IN (
         SELECT id FROM sla_timers WHERE clock_id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED)`,
      [clockIds],
    );
  }
  if (timers.length === 0) return;
  await tx.query(
    `INSERT INTO sla_timers (id, tenant_id, ticket_id, clock_id, clock_version, kind, level, fire_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::smallint[],
                          $8::timestamptz[])
     ON CONFLICT (clock_id, clock_version, kind, level) DO NOTHING`,
    [
      timers.map((t) => t.id),
      timers.map((t) => t.tenantId),
      timers.map((t) => t.ticketId),
      timers.map((t) => t.clockId),
      timers.map((t) => t.clockVersion),
      timers.map((t) => t.kind),
      timers.map((t) => t.level),
      timers.map((t) => t.fireAt.toISOString()),
    ],
  );
}
