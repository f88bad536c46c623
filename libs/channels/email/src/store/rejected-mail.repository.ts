import type { SqlClient } from './sql-client';

/** Why a mail the channel took from a mailbox did not become a ticket message. */
export type RejectReason = 'no_sender' | 'message_too_large' | (string & {});

export interface RejectedMail {
  readonly id: string;
  readonly tenantId: string;
  readonly mailboxId: string | null;
  readonly uid: number | null;
  readonly messageId: string;
  readonly inboundMessageId: string | null;
  readonly sender: string;
  readonly subject: string;
  readonly reason: RejectReason;
  readonly detail: string;
  /** The raw original in the blob store; null when it was too large to keep (it stays in the mailbox). */
  readonly rawRef: string | null;
  readonly status: 'rejected' | 'retry_requested' | 'retried';
  readonly retryCount: number;
  readonly createdAt: Date;
  readonly retriedAt: Date | null;
}

export type NewRejectedMail = Omit<RejectedMail, 'status' | 'retryCount' | 'createdAt' | 'retriedAt'>;

interface Row {
  id: string;
  tenant_id: string;
  mailbox_id: string | null;
  uid: string | null;
  message_id: string;
  inbound_message_id: string | null;
  sender: string;
  subject: string;
  reason: string;
  detail: string;
  raw_ref: string | null;
  status: RejectedMail['status'];
  retry_count: number;
  created_at: Date;
  retried_at: Date | null;
}

const toRejected = (r: Row): RejectedMail => ({
  id: r.id,
  tenantId: r.tenant_id,
  mailboxId: r.mailbox_id,
  uid: r.uid === null ? null : Number(r.uid),
  messageId: r.message_id,
  inboundMessageId: r.inbound_message_id,
  sender: r.sender,
  subject: r.subject,
  reason: r.reason,
  detail: r.detail,
  rawRef: r.raw_ref,
  status: r.status,
  retryCount: r.retry_count,
  createdAt: r.created_at,
  retriedAt: r.retried_at,
});

/**
 * email_rejected_mails: one row per Message-ID. A mail refused again after a retry updates its row
 * (reason, detail, status back to `rejected`), so the list shows each mail once with its latest reason.
 */
export class RejectedMailRepository {
  constructor(private readonly db: SqlClient) {}

  async add(mail: NewRejectedMail): Promise<void> {
    await this.db.query(
      `INSERT INTO email_rejected_mails (id, tenant_id, mailbox_id, uid, message_id, inbound_message_id, sender,
                                         subject, reason, detail, raw_ref)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant_id, message_id) DO UPDATE SET status = 'rejected', reason = EXCLUDED.reason,
         detail = EXCLUDED.detail, inbound_message_id = EXCLUDED.inbound_message_id,
         raw_ref = COALESCE(EXCLUDED.raw_ref, email_rejected_mails.raw_ref)`,
      [
        mail.id,
        mail.tenantId,
        mail.mailboxId,
        mail.uid,
        mail.messageId,
        mail.inboundMessageId,
        mail.sender,
        mail.subject.slice(0, 1_000),
        mail.reason,
        mail.detail.slice(0, 2_000),
        mail.rawRef,
      ],
    );
  }

  async list(db: SqlClient, tenantId: string, limit: number): Promise<RejectedMail[]> {
    const rows = await db.query<Row>(
      `SELECT * FROM email_rejected_mails WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [tenantId, limit],
    );
    return rows.map(toRejected);
  }

  /** Marks a rejected mail for the channel to take again; undefined when there is no such row. */
  async requestRetry(db: SqlClient, tenantId: string, id: string): Promise<RejectedMail | undefined> {
    const rows = await db.query<Row>(
      `UPDATE email_rejected_mails SET status = 'retry_requested' WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [tenantId, id],
    );
    return rows[0] ? toRejected(rows[0]) : undefined;
  }

  async find(db: SqlClient, tenantId: string, id: string): Promise<RejectedMail | undefined> {
    const rows = await db.query<Row>(`SELECT * FROM email_rejected_mails WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
    ]);
    return rows[0] ? toRejected(rows[0]) : undefined;
  }

  /** Every tenant's retry requests, oldest first (the channel runs across tenants, like intake). */
  async retryRequested(limit: number): Promise<RejectedMail[]> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM email_rejected_mails WHERE status = 'retry_requested' ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
    return rows.map(toRejected);
  }

  async markRetried(tenantId: string, id: string): Promise<void> {
    await this.db.query(
      `UPDATE email_rejected_mails SET status = 'retried', retry_count = retry_count + 1, retried_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
  }
}
