import { newId } from '@switchboard/ids';
import type { SqlExecutor } from '@switchboard/persistence';
import { weekdaysFromTo } from '../calendars/business-calendar';
import { officialDays } from '../calendars/official-days';
import type { SlaConditions, SlaEscalation, SlaReminder, SlaTargets } from '../policies/sla-policy';

const HOUR = 3600;

interface SeedPolicy {
  readonly key: string;
  readonly name: string;
  readonly position: number;
  readonly conditions: SlaConditions;
  readonly targets: SlaTargets;
  readonly reminders: readonly SlaReminder[];
  readonly escalations: readonly SlaEscalation[];
}

/** The seed's promise to the demo: "urgent or VIP: first response within 1 business hour", reminders before it. */
const SEED_POLICIES: readonly SeedPolicy[] = [
  {
    key: 'urgent-vip',
    name: 'Urgent or VIP',
    position: 1,
    conditions: { anyOf: [{ priorities: ['urgent'] }, { tiers: ['vip'] }] },
    targets: {
      firstResponse: { default: HOUR },
      nextResponse: { default: 2 * HOUR },
      resolution: { default: 8 * HOUR },
    },
    reminders: [{ percent: 75 }, { beforeSeconds: 15 * 60 }],
    escalations: [
      { level: 1, afterSeconds: 0, notify: ['team_managers'], raisePriority: false },
      { level: 2, afterSeconds: HOUR, notify: ['admins'], raisePriority: false },
    ],
  },
  {
    key: 'standard',
    name: 'Everything else',
    position: 2,
    conditions: {},
    targets: {
      firstResponse: { high: 4 * HOUR, default: 8 * HOUR },
      nextResponse: { default: 8 * HOUR },
      resolution: { high: 18 * HOUR, default: 27 * HOUR },
      statuses: { review: { default: 4 * HOUR } },
    },
    reminders: [{ percent: 75 }],
    escalations: [
      { level: 1, afterSeconds: 0, notify: ['team_managers'], raisePriority: false },
      { level: 2, afterSeconds: 4 * HOUR, notify: ['admins'], raisePriority: true },
    ],
  },
];

/**
 * A tenant's starting SLA set-up, in the caller's transaction: a Mon–Fri 09:00–18:00 Shanghai calendar
 * with China's official holidays and make-up working days of `years` (chinese-days), and the two
 * policies above. The demo tenant gets it on first start.
 */
export async function seedSlaDefaults(tx: SqlExecutor, tenantId: string, years: readonly number[]): Promise<void> {
  const calendarId = newId();
  await tx.query(
    `INSERT INTO business_calendars (id, tenant_id, name, time_zone, always_open, weekly, official_source)
     VALUES ($1, $2, 'China office hours', 'Asia/Shanghai', false, $3::jsonb, '{"kind":"cn"}'::jsonb)`,
    [calendarId, tenantId, JSON.stringify(weekdaysFromTo(9 * 60, 18 * 60))],
  );
  const days = years.flatMap((year) => officialDays({ kind: 'cn' }, year));
  await tx.query(
    `INSERT INTO business_calendar_days (tenant_id, calendar_id, date, kind, ranges, name, source)
     SELECT $1, $2, d.date, d.kind, '[]'::jsonb, d.name, 'official' FROM unnest($3::date[], $4::text[], $5::text[]) AS d(date, kind, name)`,
    [tenantId, calendarId, days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name)],
  );
  for (const p of SEED_POLICIES) {
    await tx.query(
      `INSERT INTO sla_policies (id, tenant_id, key, name, position, conditions, calendar_id, targets, reminders, escalations)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::jsonb, $9::jsonb, $10::jsonb)`,
      [
        newId(),
        tenantId,
        p.key,
        p.name,
        p.position,
        JSON.stringify(p.conditions),
        calendarId,
        JSON.stringify(p.targets),
        JSON.stringify(p.reminders),
        JSON.stringify(p.escalations),
      ],
    );
  }
}
