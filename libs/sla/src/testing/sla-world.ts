import { decodeOutboundMessage, Topics } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import type { Database } from '@switchboard/persistence';
import type { TestTenant } from '@switchboard/testing';
import { calendarInputSchema, type CalendarDayInput } from '../calendars/business-calendar.schemas';
import { ManageCalendarsUseCase } from '../calendars/manage-calendars.use-case';
import type { SlaTicketEvent } from '../clocks/track-ticket';
import { UpdateTicketClocksUseCase, type SlaInputEvent } from '../clocks/update-ticket-clocks.use-case';
import { ManagePoliciesUseCase } from '../policies/manage-policies.use-case';
import { policyInputSchema } from '../policies/sla-policy.schemas';
import { FireDueTimersUseCase } from '../timers/fire-due-timers.use-case';

/** An injected clock the use-cases read: tests move it, never wait for it. */
export class TestClock {
  constructor(public current: Date) {}
  readonly now = (): Date => this.current;
}

const WEEKDAY = ['09:00-18:00'];

/** A Shanghai office tenant: Mon–Fri 09:00–18:00, the urgent/VIP policy (1 business hour, reminder at 75 %, escalation 1). */
export async function shanghaiOffice(db: Database, tenant: TestTenant, days: Record<string, CalendarDayInput> = {}) {
  const team = await tenant.team();
  const assignee = await tenant.agent({ teamId: team.id, email: `assignee-${tenant.slug}@acme.test` });
  const lead = await tenant.agent({ teamId: team.id, role: 'manager', email: `lead-${tenant.slug}@acme.test` });
  const calendars = new ManageCalendarsUseCase(db);
  const calendar = await calendars.create(
    tenant.id,
    calendarInputSchema.parse({
      name: 'Shanghai office',
      timeZone: 'Asia/Shanghai',
      weekly: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY },
    }),
  );
  for (const [date, day] of Object.entries(days)) await calendars.setDay(tenant.id, calendar.id, date, day);
  const policies = new ManagePoliciesUseCase(db);
  const policy = await policies.create(
    tenant.id,
    policyInputSchema.parse({
      key: 'urgent-vip',
      name: 'Urgent or VIP',
      position: 1,
      calendarId: calendar.id,
      conditions: { anyOf: [{ priorities: ['urgent'] }, { tiers: ['vip'] }] },
      targets: { firstResponse: { default: 3600 }, resolution: { default: 8 * 3600 } },
      reminders: [{ percent: 75 }],
      escalations: [{ level: 1, afterSeconds: 0, notify: ['team_managers'] }],
    }),
  );
  return { team, assignee, lead, calendar, policy, calendars, policies };
}

export const event = (ticketId: string, e: SlaTicketEvent): SlaInputEvent => ({ eventId: newId(), ticketId, event: e });

export interface SlaInstance {
  readonly clocks: UpdateTicketClocksUseCase;
  readonly timers: FireDueTimersUseCase;
}

/** One ticket-service instance's SLA use-cases on its own connection pool, with the injected clock. */
export const instance = (db: Database, clock: TestClock): SlaInstance => ({
  clocks: new UpdateTicketClocksUseCase({ db, onCommitted: () => undefined, now: clock.now }),
  timers: new FireDueTimersUseCase({ db, onCommitted: () => undefined, now: clock.now }),
});

export const instances = (dbs: readonly [Database, Database], clock: TestClock): [SlaInstance, SlaInstance] => [
  instance(dbs[0], clock),
  instance(dbs[1], clock),
];

/** The SLA history of a ticket: "type clock level" in order. */
export async function slaHistory(db: Database, ticketId: string): Promise<string[]> {
  const rows = await db.query<{ type: string; data: { clock?: string; level?: number; reason?: string } }>(
    `SELECT type, data FROM ticket_events WHERE ticket_id = $1 AND type LIKE 'sla_%' ORDER BY occurred_at, id`,
    [ticketId],
  );
  return rows.map((r) =>
    [r.type, r.data.clock ?? r.data.reason, r.data.level].filter((x) => x !== undefined).join(' '),
  );
}

/** The agent mails written for a ticket: recipient and subject. */
export async function agentMails(db: Database, ticketId: string): Promise<{ to: string; subject: string }[]> {
  const rows = await db.query<{ payload: Buffer }>(
    `SELECT payload FROM outbox WHERE topic = $1 AND key = $2 ORDER BY id`,
    [Topics.notificationsEmail, ticketId],
  );
  return rows.map((r) => {
    const m = decodeOutboundMessage(new Uint8Array(r.payload));
    return { to: m.recipient?.email ?? '', subject: m.subject };
  });
}
