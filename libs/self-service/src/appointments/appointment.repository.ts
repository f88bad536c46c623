import type { SqlExecutor } from '@switchboard/persistence';
import type { PortalVisit } from '../portal/portal-views';
import { visitWindowText } from './visit-window';

export interface Appointment {
  readonly id: string;
  readonly ticketId: string;
  readonly status: 'scheduled' | 'cancelled';
  readonly technicianName: string;
  readonly technicianPhone: string;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly timeZone: string;
  readonly address: string;
  readonly note: string;
  readonly reminderDueAt: Date | null;
  readonly reminderSentAt: Date | null;
  readonly version: number;
}

interface Row {
  id: string;
  ticket_id: string;
  status: 'scheduled' | 'cancelled';
  technician_name: string;
  technician_phone: string;
  window_start: Date;
  window_end: Date;
  time_zone: string;
  address: string;
  note: string;
  reminder_due_at: Date | null;
  reminder_sent_at: Date | null;
  version: number;
}

const COLUMNS = `id, ticket_id, status, technician_name, technician_phone, window_start, window_end, time_zone,
  address, note, reminder_due_at, reminder_sent_at, version`;

const toAppointment = (r: Row): Appointment => ({
  id: r.id,
  ticketId: r.ticket_id,
  status: r.status,
  technicianName: r.technician_name,
  technicianPhone: r.technician_phone,
  windowStart: r.window_start,
  windowEnd: r.window_end,
  timeZone: r.time_zone,
  address: r.address,
  note: r.note,
  reminderDueAt: r.reminder_due_at,
  reminderSentAt: r.reminder_sent_at,
  version: r.version,
});

export const visitOf = (a: Appointment): PortalVisit => ({
  id: a.id,
  technicianName: a.technicianName,
  technicianPhone: a.technicianPhone,
  windowStart: a.windowStart.toISOString(),
  windowEnd: a.windowEnd.toISOString(),
  timeZone: a.timeZone,
  windowText: visitWindowText(a.windowStart, a.windowEnd, a.timeZone),
  address: a.address,
  note: a.note,
});

/** The reminder goes out a day before the window, or at once when the visit is sooner than that. */
export const reminderDueOf = (start: Date, now: Date): Date | null =>
  start <= now ? null : new Date(Math.max(now.getTime(), start.getTime() - 86_400_000));

export async function lockAppointment(
  tx: SqlExecutor,
  tenantId: string,
  ticketId: string,
  id: string,
): Promise<Appointment | undefined> {
  const [row] = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM appointments WHERE tenant_id = $1 AND ticket_id = $2 AND id = $3 FOR UPDATE`,
    [tenantId, ticketId, id],
  );
  return row && toAppointment(row);
}

export async function listAppointments(tx: SqlExecutor, tenantId: string, ticketId: string): Promise<Appointment[]> {
  const rows = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM appointments WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY window_start, id`,
    [tenantId, ticketId],
  );
  return rows.map(toAppointment);
}

/** The next scheduled visit of the ticket (or the latest one, when all are past). */
export async function findCurrentVisit(
  tx: SqlExecutor,
  tenantId: string,
  ticketId: string,
): Promise<PortalVisit | null> {
  const [row] = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM appointments WHERE tenant_id = $1 AND ticket_id = $2 AND status = 'scheduled'
      ORDER BY (window_end < now()), window_start LIMIT 1`,
    [tenantId, ticketId],
  );
  return row ? visitOf(toAppointment(row)) : null;
}

/**
 * Serializes changes to one technician's calendar (a transaction-scoped advisory lock on the tenant
 * and phone), then tells whether another scheduled visit of theirs overlaps [start, end).
 */
export async function technicianIsBusy(
  tx: SqlExecutor,
  tenantId: string,
  phone: string,
  window: { start: Date; end: Date },
  exceptId: string | null,
): Promise<boolean> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 15))`, [`${tenantId}|${phone}`]);
  const [row] = await tx.query<{ busy: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM appointments
        WHERE tenant_id = $1 AND technician_phone = $2 AND status = 'scheduled' AND id IS DISTINCT FROM $5::uuid
          AND window_start < $4 AND window_end > $3) AS busy`,
    [tenantId, phone, window.start.toISOString(), window.end.toISOString(), exceptId],
  );
  return row?.busy ?? false;
}

export async function insertAppointment(tx: SqlExecutor, tenantId: string, a: Appointment): Promise<void> {
  await tx.query(
    `INSERT INTO appointments (id, tenant_id, ticket_id, status, technician_name, technician_phone, window_start,
                               window_end, time_zone, address, note, reminder_due_at)
     VALUES ($1, $2, $3, 'scheduled', $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      a.id,
      tenantId,
      a.ticketId,
      a.technicianName,
      a.technicianPhone,
      a.windowStart.toISOString(),
      a.windowEnd.toISOString(),
      a.timeZone,
      a.address,
      a.note,
      a.reminderDueAt?.toISOString() ?? null,
    ],
  );
}

/** A move resets the reminder: the new window gets its own. */
export async function updateAppointment(tx: SqlExecutor, tenantId: string, a: Appointment): Promise<void> {
  await tx.query(
    `UPDATE appointments SET status = $3, technician_name = $4, technician_phone = $5, window_start = $6,
            window_end = $7, address = $8, note = $9, reminder_due_at = $10, reminder_sent_at = $11,
            version = version + 1, updated_at = now()
      WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      a.id,
      a.status,
      a.technicianName,
      a.technicianPhone,
      a.windowStart.toISOString(),
      a.windowEnd.toISOString(),
      a.address,
      a.note,
      a.reminderDueAt?.toISOString() ?? null,
      a.reminderSentAt?.toISOString() ?? null,
    ],
  );
}
