import { randomBytes } from 'node:crypto';
import type { SqlClient } from './sql-client';

export interface ReplyTokenTarget {
  readonly tenantId: string;
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly conversationKey: string;
}

/** 16 base36 characters: unguessable enough that a token cannot be used to post into another ticket. */
function newToken(): string {
  return [...randomBytes(16)].map((b) => (b % 36).toString(36)).join('');
}

/** One token per ticket, handed out in the Reply-To of our mail as `support+<token>@domain`. */
export class ReplyTokenRepository {
  constructor(private readonly db: SqlClient) {}

  async tokenFor(target: ReplyTokenTarget): Promise<string> {
    const rows = await this.db.query<{ token: string }>(
      `WITH inserted AS (
         INSERT INTO email_reply_tokens (token, tenant_id, ticket_id, ticket_number, conversation_key)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, ticket_id) DO NOTHING RETURNING token)
       SELECT token FROM inserted
       UNION ALL SELECT token FROM email_reply_tokens WHERE tenant_id = $2 AND ticket_id = $3
       LIMIT 1`,
      [newToken(), target.tenantId, target.ticketId, target.ticketNumber, target.conversationKey],
    );
    const token = rows[0]?.token;
    if (token === undefined) throw new Error('reply token upsert returned no row');
    return token;
  }

  async find(tenantId: string, token: string): Promise<ReplyTokenTarget | undefined> {
    const rows = await this.db.query<{ ticket_id: string; ticket_number: string; conversation_key: string }>(
      `SELECT ticket_id, ticket_number, conversation_key FROM email_reply_tokens WHERE tenant_id = $1 AND token = $2`,
      [tenantId, token],
    );
    const r = rows[0];
    return r
      ? { tenantId, ticketId: r.ticket_id, ticketNumber: r.ticket_number, conversationKey: r.conversation_key }
      : undefined;
  }
}
