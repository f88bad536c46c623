import type { SqlClient } from './sql-client';

/** The acknowledgement log: at most `perHour` acknowledgements per sender and tenant in any hour. */
export class AutoAckRepository {
  constructor(private readonly db: SqlClient) {}

  /** Claims one acknowledgement for the sender; false when the sender had `perHour` in the last hour. */
  async claim(tenantId: string, sender: string, perHour: number): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO email_auto_acks (tenant_id, sender)
       SELECT $1, $2 WHERE (SELECT count(*) FROM email_auto_acks
                             WHERE tenant_id = $1 AND sender = $2 AND sent_at > now() - interval '1 hour') < $3
       RETURNING 1`,
      [tenantId, sender, perHour],
    );
    return rows.length > 0;
  }
}
