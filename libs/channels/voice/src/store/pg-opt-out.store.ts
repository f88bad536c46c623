import type { ChannelSqlClient } from '@switchboard/channel-sdk';
import type { OptOut, OptOutSource, OptOutStore } from '../opt-out/opt-out.store';

interface OptOutRow {
  tenant: string;
  phone: string;
  source: OptOutSource;
  detail: string;
  opted_out_at: Date | string;
}

/**
 * `voice_opt_outs`, one row per (tenant slug, customer number). Keyed by the configured tenant slug,
 * not tenants.id: the channel never reads the ticket domain's tables.
 */
export class PgOptOutStore implements OptOutStore {
  constructor(private readonly db: ChannelSqlClient) {}

  async record(optOut: OptOut): Promise<void> {
    // A second STOP keeps the first record (when and how the customer opted out).
    await this.db.query(
      `INSERT INTO voice_opt_outs (tenant, phone, source, detail, opted_out_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant, phone) DO NOTHING`,
      [optOut.tenant, optOut.phone, optOut.source, optOut.detail.slice(0, 40), optOut.at],
    );
  }

  async lift(tenant: string, phone: string): Promise<boolean> {
    const rows = await this.db.query(`DELETE FROM voice_opt_outs WHERE tenant = $1 AND phone = $2 RETURNING phone`, [
      tenant,
      phone,
    ]);
    return rows.length > 0;
  }

  async find(tenant: string, phone: string): Promise<OptOut | undefined> {
    const [row] = await this.db.query<OptOutRow>(
      `SELECT tenant, phone, source, detail, opted_out_at FROM voice_opt_outs WHERE tenant = $1 AND phone = $2`,
      [tenant, phone],
    );
    if (!row) return undefined;
    return {
      tenant: row.tenant,
      phone: row.phone,
      source: row.source,
      detail: row.detail,
      at: new Date(row.opted_out_at),
    };
  }
}
