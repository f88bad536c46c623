import { stableIdOf } from '@switchboard/ids';
import {
  appendToOutbox,
  type Database,
  type OutboxEntry,
  type OutboxRow,
  type SqlExecutor,
} from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type CloseResolvedTicketsUseCase } from '@switchboard/tickets';
import { appointmentEvent } from '../appointments/appointment-events';
import type { AppointmentsUseCase } from '../appointments/appointments.use-case';
import { lockAppointment } from '../appointments/appointment.repository';
import { customerMailEntry } from '../shared/customer-mail';
import { findTicketById } from '../shared/customer-ticket';
import { csatMail, languageOf } from '../shared/customer-wording';
import type { PortalLinks } from '../shared/portal-links';

const BATCH = 100;

/**
 * The durable timers of self-service, as due rows in Postgres (so a restart loses nothing): visit
 * reminders (appointments.reminder_due_at, claimed FOR UPDATE SKIP LOCKED and marked sent in the
 * transaction that writes the mail's outbox row: sent once however many instances run) and CSAT
 * questions (one csat_requests row per ticket and resolution round, after the tenant's delay); and
 * the tenants' auto-close policies, carried out by the tickets module.
 */
export class SelfServiceSweep {
  constructor(
    private readonly db: Database,
    private readonly links: PortalLinks,
    private readonly appointments: AppointmentsUseCase,
    private readonly closer: CloseResolvedTicketsUseCase,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  async execute(): Promise<number> {
    return (await this.sendReminders()) + (await this.askForRatings()) + (await this.autoClose());
  }

  /** Resolved tickets of tenants that auto-close, closed by the tickets module after N quiet days. */
  async autoClose(now: Date = new Date()): Promise<number> {
    const policies = await this.db.query<{ tenant_id: string; auto_close_after_days: number }>(
      `SELECT tenant_id, auto_close_after_days FROM self_service_settings WHERE auto_close_after_days IS NOT NULL`,
    );
    return this.closer.execute(
      policies.map((p) => ({ tenantId: p.tenant_id, afterDays: p.auto_close_after_days })),
      now,
    );
  }

  async sendReminders(): Promise<number> {
    const rows = await this.db.transaction(async (tx) => {
      const due = await tx.query<{ id: string; tenant_id: string; ticket_id: string }>(
        `SELECT id, tenant_id, ticket_id FROM appointments
          WHERE reminder_sent_at IS NULL AND status = 'scheduled' AND reminder_due_at <= now()
          ORDER BY reminder_due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      const entries: OutboxEntry[] = [];
      for (const row of due) entries.push(...(await this.remind(tx, row.tenant_id, row.ticket_id, row.id)));
      return appendToOutbox(tx, entries);
    });
    this.onCommitted(rows);
    return rows.length;
  }

  private async remind(tx: SqlExecutor, tenantId: string, ticketId: string, id: string): Promise<OutboxEntry[]> {
    const [appointment, ticket] = [
      await lockAppointment(tx, tenantId, ticketId, id),
      await findTicketById(tx, tenantId, ticketId),
    ];
    await tx.query(`UPDATE appointments SET reminder_sent_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    if (!appointment || !ticket) return [];
    const event = appointmentEvent(ticket, appointment, 'reminded', { kind: 'system', id: null, source: 'scheduler' });
    await insertAuditEvents(tx, [event]);
    const entries = [toOutboxEntry(event)];
    if (ticket.email !== '') entries.push(this.appointments.notice(ticket, appointment, 'reminded'));
    return entries;
  }

  async askForRatings(): Promise<number> {
    const rows = await this.db.transaction(async (tx) => {
      const asked = await tx.query<{ tenant_id: string; ticket_id: string; round: number }>(
        `INSERT INTO csat_requests (id, tenant_id, ticket_id, round, resolved_at, channel, agent_id, team_id)
         SELECT gen_random_uuid(), t.tenant_id, t.id, t.reopen_count + 1, t.resolved_at, t.channel, t.assignee_id, t.team_id
           FROM tickets t LEFT JOIN self_service_settings s ON s.tenant_id = t.tenant_id
          WHERE t.status = 'resolved' AND t.resolved_at IS NOT NULL AND t.merged_into_id IS NULL
            AND COALESCE(s.ask_csat, true)
            AND t.resolved_at <= now() - make_interval(secs => COALESCE(s.csat_delay_seconds, 0))
            AND NOT EXISTS (SELECT 1 FROM csat_requests r
                             WHERE r.tenant_id = t.tenant_id AND r.ticket_id = t.id AND r.round = t.reopen_count + 1)
          LIMIT ${BATCH}
         ON CONFLICT DO NOTHING
         RETURNING tenant_id, ticket_id, round`,
      );
      const entries: OutboxEntry[] = [];
      for (const row of asked) {
        const ticket = await findTicketById(tx, row.tenant_id, row.ticket_id);
        if (!ticket || ticket.email === '') continue;
        const link = this.links.csatLink({ tenantSlug: ticket.tenantSlug, number: ticket.number, round: row.round });
        const mail = csatMail(languageOf(ticket.language), ticket.number, link);
        entries.push(customerMailEntry(ticket, stableIdOf(`csat:${ticket.id}:${row.round}`), mail));
      }
      return appendToOutbox(tx, entries);
    });
    this.onCommitted(rows);
    return rows.length;
  }
}
