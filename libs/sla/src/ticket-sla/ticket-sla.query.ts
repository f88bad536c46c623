import { inTenant, type Database, type SqlExecutor } from '@switchboard/persistence';
import { canSeeTicket, type LifecycleActor, type TicketReference } from '@switchboard/tickets';
import { CalendarCache } from '../calendars/business-calendar.repository';
import { businessSecondsBetween } from '../calendars/business-calendar';
import { usedSeconds, type ClockState } from '../clocks/sla-clock';
import { CLOCK_COLUMNS, toClock } from '../clocks/sla-state.repository';
import { SlaException, SlaExceptionCode } from '../shared/sla.exception';

export interface SlaClockView {
  readonly clock: string;
  readonly cycle: number;
  readonly state: ClockState;
  readonly targetSeconds: number;
  readonly startedAt: string;
  /** Unset while paused or stopped. */
  readonly dueAt: string | null;
  /** Business seconds to the due time (negative once overdue); the target less the time used when paused. */
  readonly remainingBusinessSeconds: number;
  readonly paused: boolean;
  readonly breached: boolean;
  readonly breachedAt: string | null;
  readonly escalationLevel: number;
}

export interface SlaMeasureView {
  readonly clock: string;
  readonly cycle: number;
  readonly outcome: 'met' | 'cancelled';
  readonly targetSeconds: number;
  readonly businessSeconds: number;
  readonly wallSeconds: number;
  readonly breached: boolean;
  readonly stoppedAt: string;
}

export interface TicketSlaView {
  readonly ticketId: string;
  readonly policy: {
    readonly id: string;
    readonly key: string;
    readonly name: string;
    readonly version: number;
  } | null;
  readonly calendar: { readonly id: string; readonly name: string; readonly timeZone: string } | null;
  /** The running and paused clocks. */
  readonly clocks: SlaClockView[];
  /** Stopped clocks, for statistics: business and wall time, breached or not, per target. */
  readonly measures: SlaMeasureView[];
}

const notFound = (): SlaException => new SlaException(SlaExceptionCode.TicketNotFound, 'No such ticket.');
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** GET /tickets/:ref/sla: whoever may see the ticket sees its clocks. */
export class TicketSlaQuery {
  private readonly calendars = new CalendarCache();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(actor: LifecycleActor, ref: TicketReference): Promise<TicketSlaView> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      const ticket = await findVisible(tx, actor, ref);
      const [row] = await tx.query<{ policy_id: string | null; calendar_id: string | null }>(
        `SELECT policy_id, calendar_id FROM sla_tickets WHERE tenant_id = $1 AND ticket_id = $2`,
        [actor.tenantId, ticket],
      );
      const policy = row?.policy_id
        ? (
            await tx.query<{ id: string; key: string; name: string; version: number }>(
              `SELECT id, key, name, version FROM sla_policies WHERE tenant_id = $1 AND id = $2`,
              [actor.tenantId, row.policy_id],
            )
          )[0]
        : undefined;
      const calendarRow = row?.calendar_id
        ? (
            await tx.query<{ id: string; name: string; time_zone: string }>(
              `SELECT id, name, time_zone FROM business_calendars WHERE tenant_id = $1 AND id = $2`,
              [actor.tenantId, row.calendar_id],
            )
          )[0]
        : undefined;
      const calendar = calendarRow
        ? (await this.calendars.get(tx, [calendarRow.id])).get(calendarRow.id)?.calendar
        : undefined;
      const clocks = (
        await tx.query<Parameters<typeof toClock>[0]>(
          `SELECT ${CLOCK_COLUMNS} FROM sla_clocks WHERE tenant_id = $1 AND ticket_id = $2 AND state IN ('running', 'paused')
            ORDER BY started_at, metric`,
          [actor.tenantId, ticket],
        )
      ).map(toClock);
      const now = this.now();
      const views = clocks.map((c): SlaClockView => {
        const remaining =
          calendar && c.dueAt
            ? c.dueAt > now
              ? businessSecondsBetween(calendar, now, c.dueAt)
              : -businessSecondsBetween(calendar, c.dueAt, now)
            : c.targetSeconds - (calendar ? usedSeconds(c, calendar, now) : c.elapsedSeconds);
        return {
          clock: c.metric,
          cycle: c.cycle,
          state: c.state,
          targetSeconds: c.targetSeconds,
          startedAt: c.startedAt.toISOString(),
          dueAt: iso(c.dueAt),
          remainingBusinessSeconds: Math.round(remaining),
          paused: c.state === 'paused',
          breached: c.breachedAt !== null || remaining < 0,
          breachedAt: iso(c.breachedAt),
          escalationLevel: c.escalatedLevel,
        };
      });
      return {
        ticketId: ticket,
        policy: policy ?? null,
        calendar: calendarRow ? { id: calendarRow.id, name: calendarRow.name, timeZone: calendarRow.time_zone } : null,
        clocks: views,
        measures: await measures(tx, actor.tenantId, ticket),
      };
    });
  }
}

async function findVisible(tx: SqlExecutor, actor: LifecycleActor, ref: TicketReference): Promise<string> {
  const match = ref.kind === 'id' ? 'id = $2::uuid' : 'number = $2';
  const [row] = await tx.query<{ id: string; team_id: string | null; assignee_id: string | null }>(
    `SELECT id, team_id, assignee_id FROM tickets WHERE tenant_id = $1 AND ${match}`,
    [actor.tenantId, ref.kind === 'id' ? ref.id : ref.number],
  );
  if (!row || !canSeeTicket(actor, { teamId: row.team_id, assigneeId: row.assignee_id })) throw notFound();
  return row.id;
}

async function measures(tx: SqlExecutor, tenantId: string, ticketId: string): Promise<SlaMeasureView[]> {
  const rows = await tx.query<{
    metric: string;
    cycle: number;
    outcome: 'met' | 'cancelled';
    target_seconds: number;
    business_seconds: number;
    wall_seconds: number;
    breached: boolean;
    stopped_at: Date;
  }>(
    `SELECT metric, cycle, outcome, target_seconds, business_seconds, wall_seconds, breached, stopped_at
       FROM sla_measures WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY stopped_at, metric`,
    [tenantId, ticketId],
  );
  return rows.map((r) => ({
    clock: r.metric,
    cycle: r.cycle,
    outcome: r.outcome,
    targetSeconds: r.target_seconds,
    businessSeconds: Math.round(r.business_seconds),
    wallSeconds: Math.round(r.wall_seconds),
    breached: r.breached,
    stoppedAt: new Date(r.stopped_at).toISOString(),
  }));
}
