import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schema for the email channel: the support mailboxes, each one's IMAP cursor, the Message-IDs we
 * received and sent (threading and bounce matching), the reply-address tokens, the auto-acknowledgement
 * log (rate limit per sender) and addresses flagged after a failed delivery. Every table is per tenant;
 * RowLevelSecurity1764000000012, which runs after this one, puts them under tenant isolation.
 */
export class EmailChannel1764000000011 implements MigrationInterface {
  name = 'EmailChannel1764000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_mailboxes (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        address text NOT NULL,
        display_name text NOT NULL DEFAULT '',
        imap_host text NOT NULL,
        imap_port integer NOT NULL,
        imap_secure boolean NOT NULL,
        smtp_host text NOT NULL,
        smtp_port integer NOT NULL,
        smtp_secure boolean NOT NULL,
        username text NOT NULL,
        secret_ref text NOT NULL,
        folder text NOT NULL DEFAULT 'INBOX',
        language text NOT NULL DEFAULT 'en',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, address),
        CHECK (address = lower(address))
      )`);
    await q.query(`
      CREATE TABLE email_mailbox_cursors (
        mailbox_id uuid PRIMARY KEY REFERENCES email_mailboxes(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        uid_validity bigint NOT NULL,
        last_uid bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE email_messages (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        message_id text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        mailbox_id uuid REFERENCES email_mailboxes(id) ON DELETE SET NULL,
        conversation_key text NOT NULL,
        ticket_number text,
        ticket_id uuid,
        outbound_message_id uuid,
        counterpart text NOT NULL DEFAULT '',
        subject text NOT NULL DEFAULT '',
        inbound_message_id uuid,
        -- Outbound only: when the SMTP server accepted it, so a redelivered OutboundMessage is not sent twice.
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, message_id)
      )`);
    await q.query(`CREATE INDEX email_messages_inbound_id ON email_messages (inbound_message_id)`);
    await q.query(`CREATE INDEX email_messages_outbound_id ON email_messages (outbound_message_id)`);
    await q.query(`
      CREATE TABLE email_reply_tokens (
        token text PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        ticket_id uuid NOT NULL,
        ticket_number text NOT NULL,
        conversation_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, ticket_id)
      )`);
    await q.query(`
      CREATE TABLE email_auto_acks (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        sender text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX email_auto_acks_sender ON email_auto_acks (tenant_id, sender, sent_at DESC)`);
    await q.query(`
      CREATE TABLE email_address_flags (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        address text NOT NULL,
        reason text NOT NULL,
        detail text NOT NULL DEFAULT '',
        ticket_id uuid,
        flagged_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, address)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_address_flags`);
    await q.query(`DROP TABLE email_auto_acks`);
    await q.query(`DROP TABLE email_reply_tokens`);
    await q.query(`DROP TABLE email_messages`);
    await q.query(`DROP TABLE email_mailbox_cursors`);
    await q.query(`DROP TABLE email_mailboxes`);
  }
}
