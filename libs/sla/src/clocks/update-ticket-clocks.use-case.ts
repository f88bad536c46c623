import { newId as makeId } from '@switchboard/ids';
import {
  appendToOutbox,
  type Database,
  type OutboxEntry,
  type OutboxRow,
  type SqlExecutor,
} from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '@switchboard/tickets';
import type { BusinessCalendar } from '../calendars/business-calendar';
import { CalendarCache } from '../calendars/business-calendar.repository';
import { matchPolicy, type Metric, type SlaPolicy } from '../policies/sla-policy';
import { policiesOf } from '../policies/sla-policy.repository';
import { planTimers } from '../timers/plan-timers';
import { recomputedEvent } from './sla-events';
import { isOpen, measureOf, type SlaClock } from './sla-clock';
import {
  lockSlaTickets,
  openClocks,
  replaceTimers,
  saveClocks,
  saveMeasures,
  saveSlaTickets,
  ticketSnapshots,
  type SlaTicketRow,
  type StoredClock,
  type TicketSnapshot,
} from './sla-state.repository';
import { applyEvent, reconcile, type SlaTicketEvent, type TrackContext, type TrackedTicket } from './track-ticket';

/** One ticket event as the SLA engine needs it. */
export interface SlaInputEvent {
  readonly eventId: string;
  readonly ticketId: string;
  readonly event: SlaTicketEvent;
}

/** Redelivered events are recognized by id among the last ones each ticket saw. */
const RECENT_EVENTS = 32;

interface Loaded {
  readonly snapshots: Map<string, TicketSnapshot>;
  readonly rows: Map<string, SlaTicketRow>;
  readonly clocks: StoredClock[];
  readonly cycles: Map<string, Map<Metric, number>>;
  readonly policies: Map<string, SlaPolicy[]>;
  readonly calendars: Map<string, { version: number; calendar: BusinessCalendar }>;
  readonly responded: Set<string>;
}

interface Written {
  readonly rows: SlaTicketRow[];
  readonly clocks: StoredClock[];
  readonly audit: AuditEvent[];
}

export interface UpdateTicketClocksDeps {
  readonly db: Database;
  readonly onCommitted: (rows: readonly OutboxRow[]) => void;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

/**
 * Keeps every ticket's SLA clocks in step with its events, a whole batch in one transaction: starts,
 * pauses, resumes, meets and cancels clocks, re-matches the policy on the ticket as it is now, and
 * when priority, policy or calendar moved the due times, retargets and audits it (SlaRecomputed).
 * Each changed clock gets a fresh set of timers for its new version.
 */
export class UpdateTicketClocksUseCase {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly calendars = new CalendarCache();

  constructor(private readonly deps: UpdateTicketClocksDeps) {
    this.now = deps.now ?? ((): Date => new Date());
    this.newId = deps.newId ?? makeId;
  }

  /** The events of one consumer batch. */
  async execute(events: readonly SlaInputEvent[]): Promise<number> {
    const byTicket = new Map<string, SlaInputEvent[]>();
    for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
    if (byTicket.size === 0) return 0;
    const rows = await this.deps.db.transaction((tx) => this.update(tx, byTicket));
    this.deps.onCommitted(rows);
    return byTicket.size;
  }

  /** Tickets an admin change marked (calendar, policy): re-matched and retargeted, `limit` at a time. */
  async recomputeMarked(limit = 200): Promise<number> {
    let count = 0;
    const rows = await this.deps.db.transaction(async (tx) => {
      const marked = await tx.query<{ ticket_id: string }>(
        `SELECT ticket_id FROM sla_tickets WHERE needs_recompute ORDER BY ticket_id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
      );
      count = marked.length;
      if (count === 0) return [];
      return this.update(tx, new Map(marked.map((m) => [m.ticket_id, []])));
    });
    this.deps.onCommitted(rows);
    return count;
  }

  private async update(tx: SqlExecutor, byTicket: Map<string, SlaInputEvent[]>): Promise<OutboxRow[]> {
    const loaded = await this.load(tx, [...byTicket.keys()]);
    const written: Written = { rows: [], clocks: [], audit: [] };
    for (const [ticketId, events] of byTicket) this.track(loaded, ticketId, events, written);
    const stopped = written.clocks.filter((c) => !isOpen(c));
    await saveSlaTickets(tx, written.rows);
    await saveClocks(tx, written.clocks);
    await saveMeasures(
      tx,
      stopped.flatMap((c) => {
        const m = measureOf(c);
        const policyId = written.rows.find((r) => r.ticketId === c.ticketId)?.policyId ?? null;
        return m ? [{ ...m, tenantId: c.tenantId, ticketId: c.ticketId, policyId }] : [];
      }),
    );
    const timers = written.clocks.flatMap((c) => {
      const row = written.rows.find((r) => r.ticketId === c.ticketId);
      const policy = loaded.policies.get(c.tenantId)?.find((p) => p.id === row?.policyId);
      const calendar = row?.calendarId ? loaded.calendars.get(row.calendarId)?.calendar : undefined;
      if (!policy || !calendar) return [];
      return planTimers(c, policy, calendar).map((t) => ({
        ...t,
        id: this.newId(),
        tenantId: c.tenantId,
        ticketId: c.ticketId,
      }));
    });
    await replaceTimers(
      tx,
      written.clocks.map((c) => c.id),
      timers,
    );
    await insertAuditEvents(tx, written.audit);
    const entries: OutboxEntry[] = written.audit.map(toOutboxEntry);
    return appendToOutbox(tx, entries);
  }

  private async load(tx: SqlExecutor, ticketIds: string[]): Promise<Loaded> {
    const rows = await lockSlaTickets(tx, ticketIds);
    const snapshots = await ticketSnapshots(tx, ticketIds);
    const { clocks, cycles } = await openClocks(tx, ticketIds);
    const tenants = [...new Set([...snapshots.values()].map((s) => s.tenantId))];
    const policies = await policiesOf(tx, tenants);
    const calendarIds = [...policies.values()].flat().map((p) => p.calendarId);
    for (const row of rows.values()) if (row.calendarId) calendarIds.push(row.calendarId);
    const calendars = await this.calendars.get(tx, calendarIds);
    const untracked = ticketIds.filter((id) => !rows.has(id));
    const responded = new Set(
      untracked.length === 0
        ? []
        : (
            await tx.query<{ ticket_id: string }>(
              `SELECT DISTINCT ticket_id FROM ticket_messages WHERE ticket_id = ANY($1::uuid[]) AND direction = 'outbound'`,
              [untracked],
            )
          ).map((r) => r.ticket_id),
    );
    return { snapshots, rows, clocks, cycles, policies, calendars, responded };
  }

  private track(loaded: Loaded, ticketId: string, events: readonly SlaInputEvent[], out: Written): void {
    const snapshot = loaded.snapshots.get(ticketId);
    if (!snapshot) return;
    const row = loaded.rows.get(ticketId);
    // A tenant without SLA policies costs no rows; its tickets are picked up by their next event once it has one.
    if (!row && (loaded.policies.get(snapshot.tenantId) ?? []).length === 0) return;
    const seen = new Set(row?.recentEventIds ?? []);
    const fresh = events.filter((e) => !seen.has(e.eventId));
    const policy = matchPolicy(loaded.policies.get(snapshot.tenantId) ?? [], snapshot);
    const calendarEntry = policy ? loaded.calendars.get(policy.calendarId) : undefined;
    const effective = calendarEntry ? policy : undefined;
    const previous = (row?.calendarId ? loaded.calendars.get(row.calendarId) : undefined) ?? calendarEntry;
    const calendar = calendarEntry?.calendar ?? previous?.calendar;
    const creates = fresh.some((e) => e.event.kind === 'created');
    const before = loaded.clocks.filter((c) => c.ticketId === ticketId);
    const tracked: TrackedTicket = {
      status: row?.status ?? (creates ? 'new' : snapshot.status),
      responded: row?.responded ?? loaded.responded.has(ticketId),
      createdAt: snapshot.createdAt,
      clocks: [...before],
      cycles: new Map(loaded.cycles.get(ticketId) ?? []),
    };
    if (calendar) {
      const ctx: TrackContext = { policy: effective, priority: snapshot.priority, calendar, newId: this.newId };
      for (const e of fresh) applyEvent(tracked, ctx, e.event);
      const reasons = this.reasons(row, effective, calendarEntry?.version, snapshot.priority);
      const at = this.now();
      const dueBefore = tracked.clocks.filter(isOpen).map((c) => ({ metric: c.metric, dueAt: c.dueAt }));
      const moved = reconcile(tracked, ctx, at, previous?.calendar ?? calendar, reasons.length > 0);
      if (moved && row && reasons.length > 0) {
        out.audit.push(
          recomputedEvent(snapshot, reasons, effective, dueBefore, tracked.clocks.filter(isOpen), at, this.newId()),
        );
      }
    }
    const unchanged = new Set<SlaClock>(before);
    const changed = tracked.clocks.filter((c) => !unchanged.has(c));
    out.clocks.push(...changed.map((c) => ({ ...c, tenantId: snapshot.tenantId, ticketId })));
    out.rows.push({
      ticketId,
      tenantId: snapshot.tenantId,
      policyId: effective?.id ?? null,
      policyVersion: effective?.version ?? null,
      calendarId: effective ? effective.calendarId : null,
      calendarVersion: calendarEntry?.version ?? null,
      priority: snapshot.priority,
      status: tracked.status,
      responded: tracked.responded,
      recentEventIds: [...(row?.recentEventIds ?? []), ...fresh.map((e) => e.eventId)].slice(-RECENT_EVENTS),
    });
  }

  private reasons(
    row: SlaTicketRow | undefined,
    policy: SlaPolicy | undefined,
    calendarVersion: number | undefined,
    priority: string,
  ): string[] {
    if (!row) return [];
    const reasons: string[] = [];
    if (row.priority !== priority) reasons.push('priority');
    if (row.policyId !== (policy?.id ?? null) || row.policyVersion !== (policy?.version ?? null))
      reasons.push('policy');
    else if (row.calendarVersion !== (calendarVersion ?? null)) reasons.push('calendar');
    return reasons;
  }
}
