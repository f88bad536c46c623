import type { SqlExecutor } from '@switchboard/persistence';

/** The ticket an answer goes to, with who receives it and the thread it continues. */
export interface ReplyTarget {
  readonly ticketId: string;
  readonly tenantSlug: string;
  readonly number: string;
  readonly channel: string;
  readonly subject: string;
  readonly conversationKey: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly identities: ReadonlyMap<string, string>;
  /** The channel message ids of the customer's messages on this channel, oldest first. */
  readonly inboundMessageIds: readonly string[];
}

interface TicketRow {
  id: string;
  slug: string;
  number: string;
  channel: string;
  subject: string;
  conversation_key: string;
  customer_id: string;
  customer_name: string | null;
}

/** Locks the ticket row (FOR UPDATE), so concurrent replies and status changes are ordered. */
export async function findReplyTarget(
  tx: SqlExecutor,
  tenantId: string,
  ticketId: string,
): Promise<ReplyTarget | undefined> {
  const [ticket] = await tx.query<TicketRow>(
    `SELECT t.id, te.slug, t.number, t.channel, t.subject, t.conversation_key, t.customer_id, c.name AS customer_name
       FROM tickets t JOIN tenants te ON te.id = t.tenant_id JOIN customers c ON c.id = t.customer_id
      WHERE t.tenant_id = $1 AND t.id = $2
      FOR UPDATE OF t`,
    [tenantId, ticketId],
  );
  if (!ticket) return undefined;
  const identities = await tx.query<{ kind: string; value: string }>(
    `SELECT kind, value FROM customer_identities WHERE tenant_id = $1 AND customer_id = $2 ORDER BY created_at`,
    [tenantId, ticket.customer_id],
  );
  const inbound = await tx.query<{ channel_message_id: string }>(
    `SELECT channel_message_id FROM ticket_messages
      WHERE tenant_id = $1 AND ticket_id = $2 AND direction = 'inbound' AND channel = $3
      ORDER BY received_at, created_at LIMIT 50`,
    [tenantId, ticketId, ticket.channel],
  );
  return {
    ticketId: ticket.id,
    tenantSlug: ticket.slug,
    number: ticket.number,
    channel: ticket.channel,
    subject: ticket.subject,
    conversationKey: ticket.conversation_key,
    customerId: ticket.customer_id,
    customerName: ticket.customer_name ?? '',
    identities: new Map(identities.map((i) => [i.kind, i.value])),
    inboundMessageIds: inbound.map((m) => m.channel_message_id),
  };
}
