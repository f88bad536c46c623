import type { SqlClient } from './sql-client';

/** A Message-ID we received or sent, and the thread it belongs to. */
export interface EmailMessageRecord {
  readonly tenantId: string;
  readonly messageId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly mailboxId: string | null;
  readonly conversationKey: string;
  readonly ticketNumber: string | null;
  readonly ticketId: string | null;
  /** The outbound message (OutboundMessage.message_id) this Message-ID was sent for. */
  readonly outboundMessageId: string | null;
  /** The customer's address: sender of an inbound mail, recipient of an outbound one. */
  readonly counterpart: string;
  readonly subject: string;
  /** The InboundMessage.message_id an inbound mail was published as. */
  readonly inboundMessageId: string | null;
  /** Inbound: the mail's IMAP UID in its mailbox, for logs and the rejected-mail list. */
  readonly uid?: number | null;
  /** Inbound: the raw original in the blob store. */
  readonly rawRef?: string | null;
  /** Inbound: never answer it automatically (X-Auto-Response-Suppress, a no-reply sender). */
  readonly noAutoReply?: boolean;
  /** Outbound: sent by the channel on its own (an acknowledgement); outboundMessageId is then our id for it. */
  readonly notice?: boolean;
}

interface Row {
  tenant_id: string;
  message_id: string;
  direction: 'inbound' | 'outbound';
  mailbox_id: string | null;
  conversation_key: string;
  ticket_number: string | null;
  ticket_id: string | null;
  outbound_message_id: string | null;
  counterpart: string;
  subject: string;
  inbound_message_id: string | null;
  uid: string | null;
  raw_ref: string | null;
  no_auto_reply: boolean;
  notice: boolean;
}

const toRecord = (r: Row): EmailMessageRecord => ({
  tenantId: r.tenant_id,
  messageId: r.message_id,
  direction: r.direction,
  mailboxId: r.mailbox_id,
  conversationKey: r.conversation_key,
  ticketNumber: r.ticket_number,
  ticketId: r.ticket_id,
  outboundMessageId: r.outbound_message_id,
  counterpart: r.counterpart,
  subject: r.subject,
  inboundMessageId: r.inbound_message_id,
  uid: r.uid === null ? null : Number(r.uid),
  rawRef: r.raw_ref,
  noAutoReply: r.no_auto_reply,
  notice: r.notice,
});

/** The Message-ID index that threads replies and matches bounces to what we sent. */
export class EmailMessageRepository {
  constructor(private readonly db: SqlClient) {}

  /**
   * Keeps the first record of a Message-ID, so a re-fetch cannot re-thread it; only an inbound mail not
   * yet ticketed takes the new InboundMessage id it is published again under (its receipt must match).
   */
  async record(records: readonly EmailMessageRecord[]): Promise<void> {
    if (records.length === 0) return;
    const col = <K extends keyof EmailMessageRecord>(k: K) => records.map((r) => r[k]);
    await this.db.query(
      `INSERT INTO email_messages (tenant_id, message_id, direction, mailbox_id, conversation_key, ticket_number,
                                   ticket_id, outbound_message_id, counterpart, subject, inbound_message_id,
                                   uid, raw_ref, no_auto_reply, notice)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::uuid[],
                            $8::uuid[], $9::text[], $10::text[], $11::uuid[], $12::bigint[], $13::text[], $14::boolean[],
                            $15::boolean[])
       ON CONFLICT (tenant_id, message_id) DO UPDATE SET inbound_message_id = EXCLUDED.inbound_message_id,
         uid = COALESCE(EXCLUDED.uid, email_messages.uid), raw_ref = COALESCE(EXCLUDED.raw_ref, email_messages.raw_ref)
         WHERE email_messages.direction = 'inbound' AND EXCLUDED.direction = 'inbound'
           AND email_messages.ticket_id IS NULL`,
      [
        col('tenantId'),
        col('messageId'),
        col('direction'),
        col('mailboxId'),
        col('conversationKey'),
        col('ticketNumber'),
        col('ticketId'),
        col('outboundMessageId'),
        col('counterpart'),
        col('subject'),
        col('inboundMessageId'),
        records.map((r) => r.uid ?? null),
        records.map((r) => r.rawRef ?? null),
        records.map((r) => r.noAutoReply ?? false),
        records.map((r) => r.notice ?? false),
      ],
    );
  }

  /** The records of these Message-IDs, in the order asked (the first one that is known wins). */
  async findAll(tenantId: string, messageIds: readonly string[]): Promise<EmailMessageRecord[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.db.query<Row>(
      `SELECT m.* FROM unnest($2::text[]) WITH ORDINALITY AS k(message_id, ord)
         JOIN email_messages m ON m.tenant_id = $1 AND m.message_id = k.message_id ORDER BY k.ord`,
      [tenantId, messageIds],
    );
    return rows.map(toRecord);
  }

  async findByInboundMessageId(inboundMessageId: string): Promise<EmailMessageRecord | undefined> {
    const rows = await this.db.query<Row>(`SELECT * FROM email_messages WHERE inbound_message_id = $1`, [
      inboundMessageId,
    ]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Our Message-ID for an outbound message, and whether the SMTP server already accepted it. */
  async findOutbound(outboundMessageId: string): Promise<{ record: EmailMessageRecord; sent: boolean } | undefined> {
    const rows = await this.db.query<Row & { sent_at: Date | null }>(
      `SELECT * FROM email_messages WHERE outbound_message_id = $1`,
      [outboundMessageId],
    );
    const row = rows[0];
    return row ? { record: toRecord(row), sent: row.sent_at !== null } : undefined;
  }

  async markSent(tenantId: string, messageId: string): Promise<void> {
    await this.db.query(`UPDATE email_messages SET sent_at = now() WHERE tenant_id = $1 AND message_id = $2`, [
      tenantId,
      messageId,
    ]);
  }

  /** The mailbox a conversation came in through, so the answer leaves from the address the customer wrote to. */
  async mailboxOfConversation(tenantId: string, conversationKey: string): Promise<string | undefined> {
    const rows = await this.db.query<{ mailbox_id: string }>(
      `SELECT mailbox_id FROM email_messages
        WHERE tenant_id = $1 AND conversation_key = $2 AND mailbox_id IS NOT NULL
        ORDER BY created_at DESC LIMIT 1`,
      [tenantId, conversationKey],
    );
    return rows[0]?.mailbox_id;
  }

  /** Fills in the ticket once the ticket service's receipt names it. */
  async attachTicket(tenantId: string, messageId: string, ticketId: string, ticketNumber: string): Promise<void> {
    await this.db.query(
      `UPDATE email_messages SET ticket_id = $3, ticket_number = $4
        WHERE tenant_id = $1 AND message_id = $2`,
      [tenantId, messageId, ticketId, ticketNumber],
    );
  }
}
