import type { SqlExecutor } from '@switchboard/persistence';
import type { TicketRow } from '../shared/ticket-row';

/** The new ticket of a split, as inserted: what its `created` and `assigned` events carry. */
export interface SplitTicketRow {
  readonly id: string;
  readonly number: string;
  readonly customerId: string;
  readonly status: string;
  readonly priority: string;
  readonly category: string | null;
  readonly channel: string;
  readonly subject: string;
  readonly tier: string;
  readonly region: string | null;
  readonly language: string | null;
  readonly conversationKey: string;
  readonly teamId: string | null;
  readonly assigneeId: string | null;
}

/** The ticket's message ids in conversation order. */
export async function findMessageIds(tx: SqlExecutor, tenantId: string, ticketId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM ticket_messages WHERE tenant_id = $1 AND ticket_id = $2 ORDER BY received_at, id`,
    [tenantId, ticketId],
  );
  return rows.map((r) => r.id);
}

/**
 * Copies the original's customer, team, assignee, priority, category, type and fields into a new
 * ticket. It gets a conversation key of its own: threading picks the newest open ticket of a key, so
 * sharing the original's would steal the customer's next reply from the original.
 */
export async function insertSplitTicket(
  tx: SqlExecutor,
  tenantId: string,
  originalId: string,
  fields: { id: string; number: string; subject: string | undefined },
): Promise<SplitTicketRow> {
  const rows = await tx.query<
    Pick<
      TicketRow,
      | 'id'
      | 'number'
      | 'customer_id'
      | 'status'
      | 'priority'
      | 'category'
      | 'channel'
      | 'subject'
      | 'tier'
      | 'region'
      | 'language'
      | 'conversation_key'
      | 'team_id'
      | 'assignee_id'
    >
  >(
    `INSERT INTO tickets (id, tenant_id, number, customer_id, status, priority, category, channel, subject, tier, region,
                          language, conversation_key, team_id, assignee_id, custom_fields, type_id, incomplete,
                          required_skills, created_at, updated_at, assigned_at)
     SELECT $3, tenant_id, $4, customer_id, CASE WHEN assignee_id IS NULL THEN 'new' ELSE 'assigned' END, priority,
            category, channel, COALESCE($5, subject), tier, region, language, conversation_key || '#split-' || $4,
            team_id, assignee_id, custom_fields, type_id, incomplete, required_skills, now(), now(),
            CASE WHEN assignee_id IS NULL THEN NULL ELSE now() END
       FROM tickets WHERE tenant_id = $1 AND id = $2
     RETURNING id, number, customer_id, status, priority, category, channel, subject, tier, region, language,
               conversation_key, team_id, assignee_id`,
    [tenantId, originalId, fields.id, fields.number, fields.subject ?? null],
  );
  const r = rows[0];
  if (!r) throw new Error(`Ticket ${originalId} vanished while locked`);
  return {
    id: r.id,
    number: r.number,
    customerId: r.customer_id,
    status: r.status,
    priority: r.priority,
    category: r.category,
    channel: r.channel,
    subject: r.subject,
    tier: r.tier,
    region: r.region,
    language: r.language,
    conversationKey: r.conversation_key,
    teamId: r.team_id,
    assigneeId: r.assignee_id,
  };
}

export async function moveMessages(
  tx: SqlExecutor,
  tenantId: string,
  messageIds: readonly string[],
  fromId: string,
  toId: string,
): Promise<void> {
  await tx.query(
    `UPDATE ticket_messages SET ticket_id = $4 WHERE tenant_id = $1 AND ticket_id = $3 AND id = ANY($2::uuid[])`,
    [tenantId, messageIds, fromId, toId],
  );
}
