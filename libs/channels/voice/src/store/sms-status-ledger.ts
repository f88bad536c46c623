import type { ChannelSqlClient } from '@switchboard/channel-sdk';

/**
 * The highest status rank applied per outbound SMS. Twilio's status callbacks can arrive out of order
 * (`sent` after `delivered`) and are retried: a report is published only when it moves the message on.
 */
export interface SmsStatusLedger {
  /** True when `rank` is higher than every rank recorded for the message (and records it). */
  advance(tenant: string, messageId: string, rank: number, status: string): Promise<boolean>;
}

export class PgSmsStatusLedger implements SmsStatusLedger {
  constructor(private readonly db: ChannelSqlClient) {}

  async advance(tenant: string, messageId: string, rank: number, status: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO voice_sms_statuses (message_id, tenant, rank, status, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (message_id) DO UPDATE SET rank = EXCLUDED.rank, status = EXCLUDED.status, updated_at = now()
       WHERE voice_sms_statuses.rank < EXCLUDED.rank
       RETURNING message_id`,
      [messageId, tenant, rank, status],
    );
    return rows.length > 0;
  }
}
