import type { SqlExecutor } from '@switchboard/persistence';
import type { LockedTicket } from '../lifecycle/locked-ticket.repository';

/** The ticket an answer goes to, with who receives it and the thread it continues. */
export interface ReplyTarget {
  readonly ticketId: string;
  readonly tenantSlug: string;
  readonly number: string;
  readonly channel: string;
  readonly subject: string;
  readonly conversationKey: string;
  readonly customerName: string;
  readonly identities: ReadonlyMap<string, string>;
  /** The channel message ids of the customer's messages on this channel, oldest first. */
  readonly inboundMessageIds: readonly string[];
}

interface TicketRow {
  subject: string;
  conversation_key: string;
  customer_id: string;
  customer_name: string | null;
}

/** Reads what a reply needs of a ticket the caller has already locked (lockChangeableTicket). */
export async function findReplyTarget(tx: SqlExecutor, ticket: LockedTicket): Promise<ReplyTarget> {
  const [row] = await tx.query<TicketRow>(
    `SELECT t.subject, t.conversation_key, t.customer_id, c.name AS customer_name
       FROM tickets t JOIN customers c ON c.id = t.customer_id
      WHERE t.tenant_id = $1 AND t.id = $2`,
    [ticket.tenantId, ticket.id],
  );
  if (!row) throw new Error(`Ticket ${ticket.id} vanished inside its own transaction`);
  const identities = await tx.query<{ kind: string; value: string }>(
    `SELECT kind, value FROM customer_identities WHERE tenant_id = $1 AND customer_id = $2 ORDER BY created_at`,
    [ticket.tenantId, row.customer_id],
  );
  const inbound = await tx.query<{ channel_message_id: string }>(
    `SELECT channel_message_id FROM ticket_messages
      WHERE tenant_id = $1 AND ticket_id = $2 AND direction = 'inbound' AND channel = $3
      ORDER BY received_at, created_at LIMIT 50`,
    [ticket.tenantId, ticket.id, ticket.channel],
  );
  return {
    ticketId: ticket.id,
    tenantSlug: ticket.tenantSlug,
    number: ticket.number,
    channel: ticket.channel,
    subject: row.subject,
    conversationKey: row.conversation_key,
    customerName: row.customer_name ?? '',
    identities: new Map(identities.map((i) => [i.kind, i.value])),
    inboundMessageIds: inbound.map((m) => m.channel_message_id),
  };
}
