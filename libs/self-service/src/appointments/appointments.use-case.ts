import { newId, stableIdOf } from '@switchboard/ids';
import {
  appendToOutbox,
  inTenant,
  type Database,
  type OutboxEntry,
  type OutboxRow,
  type SqlExecutor,
} from '@switchboard/persistence';
import {
  canSeeTicket,
  insertAuditEvents,
  lockChangeableTicket,
  toOutboxEntry,
  type LifecycleActor,
  type TicketReference,
} from '@switchboard/tickets';
import { customerMailEntry } from '../shared/customer-mail';
import { findTicketById, type CustomerTicket } from '../shared/customer-ticket';
import { languageOf, visitMail } from '../shared/customer-wording';
import type { PortalLinks } from '../shared/portal-links';
import { SelfServiceException, SelfServiceExceptionCode } from '../shared/self-service.exception';
import { readSettings } from '../settings/self-service-settings.repository';
import type { CancelVisitCommand, MoveVisitCommand, ScheduleVisitCommand } from './appointment.commands';
import { appointmentEvent, type VisitAction } from './appointment-events';
import {
  insertAppointment,
  listAppointments,
  lockAppointment,
  reminderDueOf,
  technicianIsBusy,
  updateAppointment,
  visitOf,
  type Appointment,
} from './appointment.repository';
import { visitWindowText, zonedTimeToInstant } from './visit-window';

export type AppointmentView = ReturnType<typeof visitOf> & {
  status: Appointment['status'];
  reminderSentAt: string | null;
};

const viewOf = (a: Appointment): AppointmentView => ({
  ...visitOf(a),
  status: a.status,
  reminderSentAt: a.reminderSentAt?.toISOString() ?? null,
});

function instant(local: string, timeZone: string): Date {
  try {
    return zonedTimeToInstant(local, timeZone);
  } catch {
    throw new SelfServiceException(
      SelfServiceExceptionCode.InvalidVisitWindow,
      `${local} is not a local time (YYYY-MM-DDTHH:MM).`,
    );
  }
}

/**
 * Technician visits on tickets whose type takes one (settings.visitTicketTypes, `repair` by default):
 * schedule, move, cancel. Each change locks the ticket like every lifecycle change, is refused when the
 * technician has another visit in the window, writes an audit row and AppointmentChanged through the
 * outbox, and tells the customer by mail in the same transaction.
 */
export class AppointmentsUseCase {
  constructor(
    private readonly db: Database,
    private readonly links: PortalLinks,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  list(actor: LifecycleActor, ref: TicketReference): Promise<AppointmentView[]> {
    return inTenant(this.db, actor.tenantId, async (tx) => {
      const locked = await lockChangeableTicket(tx, actor, ref, canSeeTicket);
      return (await listAppointments(tx, actor.tenantId, locked.id)).map(viewOf);
    });
  }

  schedule(actor: LifecycleActor, command: ScheduleVisitCommand): Promise<AppointmentView> {
    return this.change(actor, command.ref, async (tx, ticket, timeZone) => {
      const appointment: Appointment = {
        id: newId(),
        ticketId: ticket.id,
        status: 'scheduled',
        technicianName: command.technicianName,
        technicianPhone: command.technicianPhone,
        windowStart: instant(command.windowStart, timeZone),
        windowEnd: instant(command.windowEnd, timeZone),
        timeZone,
        address: command.address,
        note: command.note ?? '',
        reminderDueAt: null,
        reminderSentAt: null,
        version: 1,
      };
      const withReminder = { ...appointment, reminderDueAt: reminderDueOf(appointment.windowStart, new Date()) };
      await assertFree(tx, actor.tenantId, withReminder, null);
      await insertAppointment(tx, actor.tenantId, withReminder);
      return { appointment: withReminder, action: 'scheduled' };
    });
  }

  move(actor: LifecycleActor, command: MoveVisitCommand): Promise<AppointmentView> {
    return this.change(actor, command.ref, async (tx, ticket, timeZone) => {
      const current = await this.current(tx, actor.tenantId, ticket.id, command.appointmentId);
      const start = command.windowStart
        ? instant(command.windowStart, current.timeZone || timeZone)
        : current.windowStart;
      const end = command.windowEnd ? instant(command.windowEnd, current.timeZone || timeZone) : current.windowEnd;
      const moved: Appointment = {
        ...current,
        technicianName: command.technicianName ?? current.technicianName,
        technicianPhone: command.technicianPhone ?? current.technicianPhone,
        windowStart: start,
        windowEnd: end,
        address: command.address ?? current.address,
        note: command.note ?? current.note,
        reminderDueAt: reminderDueOf(start, new Date()),
        reminderSentAt: null,
      };
      await assertFree(tx, actor.tenantId, moved, moved.id);
      await updateAppointment(tx, actor.tenantId, moved);
      return { appointment: { ...moved, version: moved.version + 1 }, action: 'moved' };
    });
  }

  cancel(actor: LifecycleActor, command: CancelVisitCommand): Promise<AppointmentView> {
    return this.change(actor, command.ref, async (tx, ticket) => {
      const current = await this.current(tx, actor.tenantId, ticket.id, command.appointmentId);
      const cancelled: Appointment = { ...current, status: 'cancelled', reminderDueAt: null };
      await updateAppointment(tx, actor.tenantId, cancelled);
      return { appointment: cancelled, action: 'cancelled', extra: { reason: command.reason ?? '' } };
    });
  }

  private async current(tx: SqlExecutor, tenantId: string, ticketId: string, id: string): Promise<Appointment> {
    const found = await lockAppointment(tx, tenantId, ticketId, id);
    if (!found)
      throw new SelfServiceException(SelfServiceExceptionCode.AppointmentNotFound, 'No such visit on this ticket.');
    if (found.status === 'cancelled') {
      throw new SelfServiceException(SelfServiceExceptionCode.AppointmentCancelled, 'This visit is cancelled.');
    }
    return found;
  }

  private async change(
    actor: LifecycleActor,
    ref: TicketReference,
    apply: (
      tx: SqlExecutor,
      ticket: CustomerTicket,
      timeZone: string,
    ) => Promise<{ appointment: Appointment; action: VisitAction; extra?: Record<string, unknown> }>,
  ): Promise<AppointmentView> {
    const { view, rows } = await inTenant(this.db, actor.tenantId, async (tx) => {
      const locked = await lockChangeableTicket(tx, actor, ref, canSeeTicket);
      const ticket = await findTicketById(tx, actor.tenantId, locked.id);
      const settings = await readSettings(tx, actor.tenantId);
      if (!ticket || !ticket.typeKey || !settings.visitTicketTypes.includes(ticket.typeKey)) {
        throw new SelfServiceException(
          SelfServiceExceptionCode.VisitNotAllowed,
          `${locked.number} is not of a ticket type that takes a visit (${settings.visitTicketTypes.join(', ')}).`,
        );
      }
      const { appointment, action, extra } = await apply(tx, ticket, settings.timeZone);
      const event = appointmentEvent(
        ticket,
        appointment,
        action,
        { kind: 'agent', id: actor.id, source: 'agent_api' },
        extra,
      );
      await insertAuditEvents(tx, [event]);
      const entries: OutboxEntry[] = [toOutboxEntry(event)];
      if (ticket.email !== '') entries.push(this.notice(ticket, appointment, action));
      return { view: viewOf(appointment), rows: await appendToOutbox(tx, entries) };
    });
    this.onCommitted(rows);
    return view;
  }

  notice(ticket: CustomerTicket, appointment: Appointment, action: VisitAction): OutboxEntry {
    const wording = {
      action: action === 'reminded' ? ('reminder' as const) : action,
      window: visitWindowText(appointment.windowStart, appointment.windowEnd, appointment.timeZone),
      technician: `${appointment.technicianName} (${appointment.technicianPhone})`,
      address: appointment.address,
    };
    const link = this.links.lookupLink({ tenantSlug: ticket.tenantSlug, number: ticket.number });
    const id = stableIdOf(
      `visit:${appointment.id}:${action}:${appointment.version}:${appointment.windowStart.toISOString()}`,
    );
    return customerMailEntry(ticket, id, visitMail(languageOf(ticket.language), ticket.number, wording, link));
  }
}

async function assertFree(tx: SqlExecutor, tenantId: string, a: Appointment, exceptId: string | null): Promise<void> {
  if (a.windowEnd <= a.windowStart) {
    throw new SelfServiceException(SelfServiceExceptionCode.InvalidVisitWindow, 'The window must end after it starts.');
  }
  if (await technicianIsBusy(tx, tenantId, a.technicianPhone, { start: a.windowStart, end: a.windowEnd }, exceptId)) {
    throw new SelfServiceException(
      SelfServiceExceptionCode.AppointmentOverlap,
      `${a.technicianName} already has a visit between ${visitWindowText(a.windowStart, a.windowEnd, a.timeZone)}.`,
    );
  }
}
