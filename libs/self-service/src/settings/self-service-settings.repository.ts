import type { SqlExecutor } from '@switchboard/persistence';

/** A tenant's self-service settings; a tenant without a row has the defaults. */
export interface SelfServiceSettings {
  readonly askCsat: boolean;
  readonly csatDelaySeconds: number;
  /** Resolved tickets close after this many days without a customer reply; never when null. */
  readonly autoCloseAfterDays: number | null;
  /** IANA zone visit windows are shown (and entered) in. */
  readonly timeZone: string;
  /** Ticket type keys that take a technician visit. */
  readonly visitTicketTypes: readonly string[];
}

export const DEFAULT_SETTINGS: SelfServiceSettings = {
  askCsat: true,
  csatDelaySeconds: 0,
  autoCloseAfterDays: null,
  timeZone: 'Asia/Shanghai',
  visitTicketTypes: ['repair'],
};

interface SettingsRow {
  ask_csat: boolean;
  csat_delay_seconds: number;
  auto_close_after_days: number | null;
  time_zone: string;
  visit_ticket_types: string[];
}

export async function readSettings(tx: SqlExecutor, tenantId: string): Promise<SelfServiceSettings> {
  const [row] = await tx.query<SettingsRow>(
    `SELECT ask_csat, csat_delay_seconds, auto_close_after_days, time_zone, visit_ticket_types
       FROM self_service_settings WHERE tenant_id = $1`,
    [tenantId],
  );
  if (!row) return DEFAULT_SETTINGS;
  return {
    askCsat: row.ask_csat,
    csatDelaySeconds: row.csat_delay_seconds,
    autoCloseAfterDays: row.auto_close_after_days,
    timeZone: row.time_zone,
    visitTicketTypes: row.visit_ticket_types,
  };
}

export async function saveSettings(tx: SqlExecutor, tenantId: string, s: SelfServiceSettings): Promise<void> {
  await tx.query(
    `INSERT INTO self_service_settings (tenant_id, ask_csat, csat_delay_seconds, auto_close_after_days, time_zone,
                                        visit_ticket_types, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (tenant_id) DO UPDATE SET ask_csat = $2, csat_delay_seconds = $3, auto_close_after_days = $4,
       time_zone = $5, visit_ticket_types = $6, updated_at = now()`,
    [tenantId, s.askCsat, s.csatDelaySeconds, s.autoCloseAfterDays, s.timeZone, [...s.visitTicketTypes]],
  );
}
