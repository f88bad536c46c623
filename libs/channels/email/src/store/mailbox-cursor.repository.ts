import type { SqlClient } from './sql-client';

export interface MailboxCursor {
  readonly uidValidity: bigint;
  readonly lastUid: number;
}

/** Where intake stopped in a mailbox: UIDs are only comparable within one UIDVALIDITY (RFC 3501 §2.3.1.1). */
export class MailboxCursorRepository {
  constructor(private readonly db: SqlClient) {}

  async find(mailboxId: string): Promise<MailboxCursor | undefined> {
    const rows = await this.db.query<{ uid_validity: string; last_uid: string }>(
      `SELECT uid_validity, last_uid FROM email_mailbox_cursors WHERE mailbox_id = $1`,
      [mailboxId],
    );
    const row = rows[0];
    return row ? { uidValidity: BigInt(row.uid_validity), lastUid: Number(row.last_uid) } : undefined;
  }

  /** Never moves back within one UIDVALIDITY; a new UIDVALIDITY starts over at `lastUid`. */
  async save(mailboxId: string, tenantId: string, cursor: MailboxCursor): Promise<void> {
    await this.db.query(
      `INSERT INTO email_mailbox_cursors (mailbox_id, tenant_id, uid_validity, last_uid)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (mailbox_id) DO UPDATE SET
         last_uid = CASE WHEN email_mailbox_cursors.uid_validity = EXCLUDED.uid_validity
                         THEN GREATEST(email_mailbox_cursors.last_uid, EXCLUDED.last_uid)
                         ELSE EXCLUDED.last_uid END,
         uid_validity = EXCLUDED.uid_validity, updated_at = now()`,
      [mailboxId, tenantId, cursor.uidValidity.toString(), cursor.lastUid],
    );
  }
}
