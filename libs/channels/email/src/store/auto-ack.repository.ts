import type { SqlClient } from './sql-client';

export interface AckLimits {
  readonly perSenderPerHour: number;
  readonly perDomainPerHour: number;
}

/** The acknowledgement log: at most so many acknowledgements per sender, and per sender domain, in any hour. */
export class AutoAckRepository {
  constructor(private readonly db: SqlClient) {}

  /** Claims one acknowledgement for the sender; false when the sender or its domain reached its limit. */
  async claim(tenantId: string, sender: string, limits: AckLimits): Promise<boolean> {
    const domain = sender.split('@')[1] ?? '';
    const rows = await this.db.query(
      `INSERT INTO email_auto_acks (tenant_id, sender, domain)
       SELECT $1, $2, $3
        WHERE (SELECT count(*) FROM email_auto_acks
                WHERE tenant_id = $1 AND sender = $2 AND sent_at > now() - interval '1 hour') < $4
          AND (SELECT count(*) FROM email_auto_acks
                WHERE tenant_id = $1 AND domain = $3 AND sent_at > now() - interval '1 hour') < $5
       RETURNING 1`,
      [tenantId, sender, domain, limits.perSenderPerHour, limits.perDomainPerHour],
    );
    return rows.length > 0;
  }
}
