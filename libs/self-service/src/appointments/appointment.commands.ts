import type { TicketReference } from '@switchboard/tickets';

/** Window times are the tenant's wall-clock ("2026-12-03T09:00" in its time zone). */
export interface ScheduleVisitCommand {
  readonly ref: TicketReference;
  readonly technicianName: string;
  readonly technicianPhone: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly address: string;
  readonly note?: string;
}

export interface MoveVisitCommand {
  readonly ref: TicketReference;
  readonly appointmentId: string;
  readonly technicianName?: string;
  readonly technicianPhone?: string;
  readonly windowStart?: string;
  readonly windowEnd?: string;
  readonly address?: string;
  readonly note?: string;
}

export interface CancelVisitCommand {
  readonly ref: TicketReference;
  readonly appointmentId: string;
  readonly reason?: string;
}
