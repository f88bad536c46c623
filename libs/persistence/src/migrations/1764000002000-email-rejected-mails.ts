import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email channel against real-world mail (#12): the rejected-mail list (mails the channel took from a
 * mailbox but could not turn into a ticket message: the ticket service refused them, or they had no
 * sender), where each mail's raw original is kept (`raw_ref`, the blob store) so an admin can retry it;
 * per indexed mail its IMAP UID, raw original, whether we may answer it automatically and whether we
 * sent it on our own (an acknowledgement, so its bounce is matched too); and the
 * acknowledgement log's sender domain, for the per-domain rate limit.
 */
export class EmailRejectedMails1764000002000 implements MigrationInterface {
  name = 'EmailRejectedMails1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_rejected_mails (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        mailbox_id uuid REFERENCES email_mailboxes(id) ON DELETE SET NULL,
        uid bigint,
        message_id text NOT NULL,
        inbound_message_id uuid,
        sender text NOT NULL DEFAULT '',
        subject text NOT NULL DEFAULT '',
        reason text NOT NULL,
        detail text NOT NULL DEFAULT '',
        raw_ref text,
        status text NOT NULL DEFAULT 'rejected' CHECK (status IN ('rejected', 'retry_requested', 'retried')),
        retry_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        retried_at timestamptz,
        UNIQUE (tenant_id, message_id)
      )`);
    await q.query(`CREATE INDEX email_rejected_mails_list ON email_rejected_mails (tenant_id, created_at DESC, id)`);
    await q.query(`SELECT enable_tenant_isolation('email_rejected_mails')`);
    await q.query(`ALTER TABLE email_messages ADD COLUMN uid bigint`);
    await q.query(`ALTER TABLE email_messages ADD COLUMN raw_ref text`);
    await q.query(`ALTER TABLE email_messages ADD COLUMN no_auto_reply boolean NOT NULL DEFAULT false`);
    // Outbound: a mail the channel sent on its own (an acknowledgement), whose bounce names no ticket message.
    await q.query(`ALTER TABLE email_messages ADD COLUMN notice boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE email_auto_acks ADD COLUMN domain text NOT NULL DEFAULT ''`);
    await q.query(`CREATE INDEX email_auto_acks_domain ON email_auto_acks (tenant_id, domain, sent_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX email_auto_acks_domain`);
    await q.query(`ALTER TABLE email_auto_acks DROP COLUMN domain`);
    await q.query(`ALTER TABLE email_messages DROP COLUMN notice`);
    await q.query(`ALTER TABLE email_messages DROP COLUMN no_auto_reply`);
    await q.query(`ALTER TABLE email_messages DROP COLUMN raw_ref`);
    await q.query(`ALTER TABLE email_messages DROP COLUMN uid`);
    await q.query(`DROP TABLE email_rejected_mails`);
  }
}
