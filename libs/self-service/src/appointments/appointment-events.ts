import { AppointmentChangedSchema, create, timestampFromDate } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import type { AuditEvent, AuditSource } from '@switchboard/tickets';
import type { CustomerTicket } from '../shared/customer-ticket';
import type { Appointment } from './appointment.repository';

export type VisitAction = 'scheduled' | 'moved' | 'cancelled' | 'reminded';

/** The audit row (on the ticket's history) and the AppointmentChanged event of one visit change. */
export function appointmentEvent(
  ticket: CustomerTicket,
  appointment: Appointment,
  action: VisitAction,
  actor: { kind: 'agent' | 'system'; id: string | null; source: AuditSource },
  extra: Record<string, unknown> = {},
): AuditEvent {
  return {
    id: newId(),
    tenantId: ticket.tenantId,
    tenantSlug: ticket.tenantSlug,
    ticketId: ticket.id,
    type: `appointment_${action}`,
    actor: { kind: actor.kind, id: actor.id },
    source: actor.source,
    occurredAt: new Date(),
    data: {
      appointmentId: appointment.id,
      technicianName: appointment.technicianName,
      technicianPhone: appointment.technicianPhone,
      windowStart: appointment.windowStart.toISOString(),
      windowEnd: appointment.windowEnd.toISOString(),
      timeZone: appointment.timeZone,
      address: appointment.address,
      ...extra,
    },
    payload: {
      case: 'appointmentChanged',
      value: create(AppointmentChangedSchema, {
        appointmentId: appointment.id,
        action,
        technicianName: appointment.technicianName,
        windowStart: timestampFromDate(appointment.windowStart),
        windowEnd: timestampFromDate(appointment.windowEnd),
        timeZone: appointment.timeZone,
      }),
    },
  };
}
