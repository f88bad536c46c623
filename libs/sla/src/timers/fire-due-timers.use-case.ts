import { newId as makeId } from '@switchboard/ids';
import {
  appendToOutbox,
  type Database,
  type OutboxEntry,
  type OutboxRow,
  type SqlExecutor,
} from '@switchboard/persistence';
import { escalateTicket, insertAuditEvents, toOutboxEntry, type AuditEvent } from '@switchboard/tickets';
import type { BusinessCalendar } from '../calendars/business-calendar';
import { CalendarCache } from '../calendars/business-calendar.repository';
import { breachedEvent, warningEvent } from '../clocks/sla-events';
import { usedSeconds } from '../clocks/sla-clock';
import {
  CLOCK_COLUMNS,
  ticketSnapshots,
  toClock,
  type StoredClock,
  type TicketSnapshot,
} from '../clocks/sla-state.repository';
import { PAUSING_STATUSES } from '../clocks/track-ticket';
import {
  agentContacts,
  agentNoticeEntry,
  localTimeText,
  metricWords,
  recipientsOf,
  type AgentContact,
} from '../notifications/agent-notifications';
import { raisedPriority, type NotifyTarget, type SlaPolicy } from '../policies/sla-policy';
import { policiesOf } from '../policies/sla-policy.repository';
import { firingOrder, reminderLabel, type TimerKind } from './plan-timers';

export interface DueTimer {
  readonly id: string;
  readonly tenantId: string;
  readonly ticketId: string;
  readonly clockId: string;
  readonly clockVersion: number;
  readonly kind: TimerKind;
  readonly level: number;
  readonly fireAt: Date;
}

export interface FireOutcome {
  readonly claimed: number;
  readonly fired: number;
  /** Milliseconds from each fired timer's due time to its commit. */
  readonly lateness: number[];
  /** Agents whose load dropped because an escalation moved their ticket (the caller tells the capacity store). */
  readonly released: { tenantId: string; agentId: string; channel: string }[];
}

export interface FireDueTimersDeps {
  readonly db: Database;
  readonly onCommitted: (rows: readonly OutboxRow[]) => void;
  readonly now?: () => Date;
  readonly newId?: () => string;
  readonly batchSize?: number;
}

interface Context {
  readonly tx: SqlExecutor;
  readonly now: Date;
  readonly clocks: Map<string, StoredClock>;
  readonly tickets: Map<string, TicketSnapshot>;
  readonly policies: Map<string, SlaPolicy[]>;
  readonly policyOf: Map<string, string | null>;
  readonly calendars: Map<string, { calendar: BusinessCalendar }>;
  readonly contacts: AgentContact[];
  readonly audit: AuditEvent[];
  readonly entries: OutboxEntry[];
  readonly released: FireOutcome['released'];
}

const TERMINAL = new Set(['resolved', 'closed', 'merged']);

/**
 * Fires the timers that are due, a batch per transaction: claimed FOR UPDATE SKIP LOCKED (so several
 * instances share them and none fires one twice), each re-evaluated on its clock as it is now (locked):
 * a clock that changed since the timer was planned (another version, paused, stopped) or a ticket the
 * consumer has not caught up with yet (resolved, pending) drops the timer instead of firing blindly,
 * and the clock's own flags (reminder sent, breached, escalation level) make a repeat a no-op. What
 * fires is written with its effects — clock flags, audit rows, ticket.events.v1 and the agents' mails
 * through the outbox, an escalation's ticket change — and the timer row is deleted, all in that transaction.
 */
export class FireDueTimersUseCase {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly calendars = new CalendarCache();

  constructor(private readonly deps: FireDueTimersDeps) {
    this.now = deps.now ?? ((): Date => new Date());
    this.newId = deps.newId ?? makeId;
  }

  async execute(): Promise<FireOutcome> {
    let outcome: FireOutcome = { claimed: 0, fired: 0, lateness: [], released: [] };
    const fired: DueTimer[] = [];
    const rows = await this.deps.db.transaction(async (tx) => {
      const now = this.now();
      const due = await claimDueTimers(tx, now, this.deps.batchSize ?? 500);
      if (due.length === 0) return [];
      const ctx = await this.context(tx, now, due);
      for (const timer of [...due].sort(firingOrder)) if (this.fire(ctx, timer)) fired.push(timer);
      await saveFlags(tx, [...ctx.clocks.values()]);
      await tx.query(`DELETE FROM sla_timers WHERE id = ANY($1::uuid[])`, [due.map((t) => t.id)]);
      for (const timer of fired) await this.escalate(ctx, timer);
      await insertAuditEvents(tx, ctx.audit);
      outcome = { claimed: due.length, fired: fired.length, lateness: [], released: ctx.released };
      return appendToOutbox(tx, [...ctx.audit.map(toOutboxEntry), ...ctx.entries]);
    });
    this.deps.onCommitted(rows);
    const committed = this.now().getTime();
    return { ...outcome, lateness: fired.map((t) => committed - t.fireAt.getTime()) };
  }

  private async context(tx: SqlExecutor, now: Date, due: readonly DueTimer[]): Promise<Context> {
    const clockRows = await tx.query<Parameters<typeof toClock>[0]>(
      `SELECT ${CLOCK_COLUMNS} FROM sla_clocks WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [[...new Set(due.map((t) => t.clockId))]],
    );
    const ticketIds = [...new Set(due.map((t) => t.ticketId))];
    const tickets = await ticketSnapshots(tx, ticketIds);
    const owners = await tx.query<{ ticket_id: string; policy_id: string | null }>(
      `SELECT ticket_id, policy_id FROM sla_tickets WHERE ticket_id = ANY($1::uuid[])`,
      [ticketIds],
    );
    const tenants = [...new Set(due.map((t) => t.tenantId))];
    const policies = await policiesOf(tx, tenants);
    const calendars = await this.calendars.get(
      tx,
      [...policies.values()].flat().map((p) => p.calendarId),
    );
    const assignees = [...tickets.values()].flatMap((t) => (t.assigneeId ? [t.assigneeId] : []));
    return {
      tx,
      now,
      clocks: new Map(clockRows.map((r) => [r.id, toClock(r)])),
      tickets,
      policies,
      policyOf: new Map(owners.map((o) => [o.ticket_id, o.policy_id])),
      calendars,
      contacts: await agentContacts(tx, tenants, assignees),
      audit: [],
      entries: [],
      released: [],
    };
  }

  /** Whether the timer fired; a stale one is only dropped. */
  private fire(ctx: Context, timer: DueTimer): boolean {
    const clock = ctx.clocks.get(timer.clockId);
    const ticket = ctx.tickets.get(timer.ticketId);
    const policyId = ctx.policyOf.get(timer.ticketId);
    const policy = ctx.policies.get(timer.tenantId)?.find((p) => p.id === policyId);
    const calendar = policy ? ctx.calendars.get(policy.calendarId)?.calendar : undefined;
    if (!clock || !ticket || !policy || !calendar) return false;
    if (clock.version !== timer.clockVersion || clock.state !== 'running') return false;
    if (TERMINAL.has(ticket.status) || (PAUSING_STATUSES.has(ticket.status) && !clock.metric.startsWith('status:')))
      return false;
    switch (timer.kind) {
      case 'reminder':
        return this.remind(ctx, timer, clock, ticket, policy, calendar);
      case 'breach':
        return this.breach(ctx, timer, clock, ticket, policy, calendar);
      case 'escalation':
        return this.escalation(ctx, timer, clock, ticket, policy, calendar);
    }
  }

  private remind(
    ctx: Context,
    timer: DueTimer,
    clock: StoredClock,
    ticket: TicketSnapshot,
    policy: SlaPolicy,
    calendar: BusinessCalendar,
  ): boolean {
    const reminder = policy.reminders[timer.level];
    const bit = 1 << timer.level;
    if (!reminder || (clock.remindersSent & bit) !== 0 || clock.breachedAt !== null) return false;
    ctx.clocks.set(clock.id, { ...clock, remindersSent: clock.remindersSent | bit });
    const remaining = Math.max(0, clock.targetSeconds - usedSeconds(clock, calendar, ctx.now));
    const notified = this.notify(ctx, timer, ticket, ['assignee'], {
      subject: `[${ticket.number}] SLA reminder: ${metricWords(clock.metric)} due ${dueText(clock, calendar)}`,
      text: `Ticket ${ticket.number} must have its ${metricWords(clock.metric)} by ${dueText(clock, calendar)} (policy "${policy.name}"): ${Math.ceil(remaining / 60)} business minutes left.`,
    });
    ctx.audit.push(
      warningEvent(
        ticket,
        clock,
        { policyId: policy.id, remainingSeconds: remaining, reminder: reminderLabel(reminder), notified },
        ctx.now,
        this.newId(),
      ),
    );
    return true;
  }

  private breach(
    ctx: Context,
    timer: DueTimer,
    clock: StoredClock,
    ticket: TicketSnapshot,
    policy: SlaPolicy,
    calendar: BusinessCalendar,
  ): boolean {
    if (clock.breachedAt !== null) return false;
    ctx.clocks.set(clock.id, { ...clock, breachedAt: clock.dueAt ?? timer.fireAt });
    const notified = this.notify(ctx, timer, ticket, ['assignee'], {
      subject: `[${ticket.number}] SLA breached: ${metricWords(clock.metric)} was due ${dueText(clock, calendar)}`,
      text: `Ticket ${ticket.number} missed its ${metricWords(clock.metric)} target (policy "${policy.name}"), due ${dueText(clock, calendar)}.`,
    });
    ctx.audit.push(
      breachedEvent(
        ticket,
        clock,
        { policyId: policy.id, level: 0, action: 'notify', notified },
        ctx.now,
        this.newId(),
      ),
    );
    return true;
  }

  private escalation(
    ctx: Context,
    timer: DueTimer,
    clock: StoredClock,
    ticket: TicketSnapshot,
    policy: SlaPolicy,
    calendar: BusinessCalendar,
  ): boolean {
    const level = policy.escalations.find((e) => e.level === timer.level);
    if (!level || timer.level <= clock.escalatedLevel) return false;
    // A level due together with the breach may be claimed first (by another instance): the breach comes first.
    if (clock.breachedAt === null)
      this.breach(ctx, { ...timer, kind: 'breach', level: 0 }, clock, ticket, policy, calendar);
    const current = ctx.clocks.get(clock.id) ?? clock;
    ctx.clocks.set(clock.id, { ...current, escalatedLevel: timer.level });
    const priority = level.raisePriority ? raisedPriority(ticket.priority) : undefined;
    const action = level.reassignTeamId ? 'reassign' : priority ? 'raise_priority' : 'notify';
    const notified = this.notify(ctx, timer, ticket, level.notify, {
      subject: `[${ticket.number}] SLA escalation level ${timer.level}: ${metricWords(clock.metric)} overdue`,
      text: `Ticket ${ticket.number} is past its ${metricWords(clock.metric)} target (due ${dueText(clock, calendar)}, policy "${policy.name}"); escalation level ${timer.level}${action === 'notify' ? '' : ` (${action.replace('_', ' ')})`}.`,
    });
    ctx.audit.push(
      breachedEvent(
        ticket,
        clock,
        {
          policyId: policy.id,
          level: timer.level,
          action,
          notified,
          ...(level.reassignTeamId ? { reassignTeamId: level.reassignTeamId } : {}),
          ...(priority ? { priority } : {}),
        },
        ctx.now,
        this.newId(),
      ),
    );
    return true;
  }

  /** Reassigning and raising the priority are the tickets lib's changes, in this transaction. */
  private async escalate(ctx: Context, timer: DueTimer): Promise<void> {
    if (timer.kind !== 'escalation') return;
    const ticket = ctx.tickets.get(timer.ticketId);
    const policy = ctx.policies.get(timer.tenantId)?.find((p) => p.id === ctx.policyOf.get(timer.ticketId));
    const level = policy?.escalations.find((e) => e.level === timer.level);
    if (!ticket || !level || (!level.reassignTeamId && !level.raisePriority)) return;
    const outcome = await escalateTicket(ctx.tx, {
      tenantId: ticket.tenantId,
      tenantSlug: ticket.tenantSlug,
      ticketId: ticket.ticketId,
      ...(level.reassignTeamId ? { toTeamId: level.reassignTeamId } : {}),
      ...(level.raisePriority ? { priority: raisedPriority(ticket.priority) } : {}),
      reason: `sla_escalation_level_${timer.level}`,
      occurredAt: ctx.now,
      newId: this.newId,
    });
    ctx.entries.push(...outcome.entries);
    if (outcome.released) ctx.released.push({ tenantId: ticket.tenantId, ...outcome.released });
  }

  private notify(
    ctx: Context,
    timer: DueTimer,
    ticket: TicketSnapshot,
    targets: readonly NotifyTarget[],
    notice: { subject: string; text: string },
  ): string[] {
    const recipients = recipientsOf(ctx.contacts, ticket, targets);
    for (const agent of recipients)
      ctx.entries.push(agentNoticeEntry(ticket, agent, `${timer.id}:${timer.kind}`, notice));
    return recipients.map((a) => a.id);
  }
}

const dueText = (clock: StoredClock, calendar: BusinessCalendar): string =>
  clock.dueAt ? localTimeText(clock.dueAt, calendar.timeZone) : 'when the clock resumes';

/** The due timers, oldest first, that no other instance holds. */
export async function claimDueTimers(tx: SqlExecutor, now: Date, limit: number): Promise<DueTimer[]> {
  const rows = await tx.query<{
    id: string;
    tenant_id: string;
    ticket_id: string;
    clock_id: string;
    clock_version: number;
    kind: TimerKind;
    level: number;
    fire_at: Date;
  }>(
    `SELECT id, tenant_id, ticket_id, clock_id, clock_version, kind, level, fire_at FROM sla_timers
      WHERE fire_at <= $1 ORDER BY fire_at LIMIT ${Math.floor(limit)} FOR UPDATE SKIP LOCKED`,
    [now.toISOString()],
  );
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    ticketId: r.ticket_id,
    clockId: r.clock_id,
    clockVersion: r.clock_version,
    kind: r.kind,
    level: r.level,
    fireAt: new Date(r.fire_at),
  }));
}

async function saveFlags(tx: SqlExecutor, clocks: readonly StoredClock[]): Promise<void> {
  if (clocks.length === 0) return;
  await tx.query(
    `UPDATE sla_clocks c SET reminders_sent = x.reminders_sent, breached_at = x.breached_at, escalated_level = x.escalated_level
       FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::smallint[]) AS x(id, reminders_sent, breached_at, escalated_level)
      WHERE c.id = x.id`,
    [
      clocks.map((c) => c.id),
      clocks.map((c) => c.remindersSent),
      clocks.map((c) => (c.breachedAt ? c.breachedAt.toISOString() : null)),
      clocks.map((c) => c.escalatedLevel),
    ],
  );
}
