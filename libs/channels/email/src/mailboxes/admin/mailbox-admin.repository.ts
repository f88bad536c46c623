import type { MailboxColumns } from '../../store/mailbox-columns';
import type { SqlClient } from '../../store/sql-client';
import type { MailboxAdminInput } from './mailbox-admin.input';

export interface MailboxRecord extends MailboxColumns {
  readonly enabled: boolean;
  readonly created_at: Date;
  readonly updated_at: Date;
}

const COLUMNS = `id, address, display_name, imap_host, imap_port, imap_secure, smtp_host, smtp_port, smtp_secure,
  username, secret_ref, folder, language, enabled, created_at, updated_at`;

/** The values of a mailbox input in the column order of INSERT and UPDATE below ($3 … $14). */
const valuesOf = (input: MailboxAdminInput): unknown[] => [
  input.address,
  input.displayName,
  input.imap.host,
  input.imap.port,
  input.imap.secure,
  input.smtp.host,
  input.smtp.port,
  input.smtp.secure,
  input.username,
  `env:${input.passwordEnv}`,
  input.folder,
  input.language,
];

/** email_mailboxes for the admin API; every method runs in the caller's tenant-scoped transaction. */
export class MailboxAdminRepository {
  async list(tx: SqlClient, tenantId: string): Promise<MailboxRecord[]> {
    return tx.query<MailboxRecord>(`SELECT ${COLUMNS} FROM email_mailboxes WHERE tenant_id = $1 ORDER BY address`, [
      tenantId,
    ]);
  }

  async find(tx: SqlClient, tenantId: string, id: string): Promise<MailboxRecord | undefined> {
    const rows = await tx.query<MailboxRecord>(
      `SELECT ${COLUMNS} FROM email_mailboxes WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return rows[0];
  }

  async insert(tx: SqlClient, tenantId: string, id: string, input: MailboxAdminInput): Promise<MailboxRecord> {
    const rows = await tx.query<MailboxRecord>(
      `INSERT INTO email_mailboxes (tenant_id, id, address, display_name, imap_host, imap_port, imap_secure,
                                    smtp_host, smtp_port, smtp_secure, username, secret_ref, folder, language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING ${COLUMNS}`,
      [tenantId, id, ...valuesOf(input)],
    );
    return single(rows);
  }

  async replace(
    tx: SqlClient,
    tenantId: string,
    id: string,
    input: MailboxAdminInput,
  ): Promise<MailboxRecord | undefined> {
    const rows = await tx.query<MailboxRecord>(
      `UPDATE email_mailboxes SET address = $3, display_name = $4, imap_host = $5, imap_port = $6,
              imap_secure = $7, smtp_host = $8, smtp_port = $9, smtp_secure = $10, username = $11,
              secret_ref = $12, folder = $13, language = $14, enabled = true, updated_at = now()
        WHERE tenant_id = $1 AND id = $2
       RETURNING ${COLUMNS}`,
      [tenantId, id, ...valuesOf(input)],
    );
    return rows[0];
  }

  async disable(tx: SqlClient, tenantId: string, id: string): Promise<MailboxRecord | undefined> {
    const rows = await tx.query<MailboxRecord>(
      `UPDATE email_mailboxes SET enabled = false, updated_at = now()
        WHERE tenant_id = $1 AND id = $2
       RETURNING ${COLUMNS}`,
      [tenantId, id],
    );
    return rows[0];
  }
}

function single(rows: readonly MailboxRecord[]): MailboxRecord {
  const row = rows[0];
  if (!row) throw new Error('email_mailboxes write returned no row');
  return row;
}
