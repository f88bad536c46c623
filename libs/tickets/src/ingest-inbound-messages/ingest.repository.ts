import type { SqlExecutor } from '@switchboard/persistence';
import { formatTicketNumber } from '../shared/ticket-number';
import { conversationKeyOf, dedupKey, type TenantMessage, type TicketRef } from './plan-ingest';

/** Set-based SQL for one ingest batch: every statement takes arrays and touches all rows at once. */

export async function findStoredMessages(
  tx: SqlExecutor,
  messages: readonly TenantMessage[],
): Promise<Map<string, TicketRef>> {
  const rows = await tx.query<{
    tenant_id: string;
    channel: string;
    channel_message_id: string;
    id: string;
    number: string;
  }>(
    `SELECT m.tenant_id, m.channel, m.channel_message_id, t.id, t.number
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(tenant_id, channel, channel_message_id)
       JOIN ticket_messages m USING (tenant_id, channel, channel_message_id)
       JOIN tickets t ON t.id = m.ticket_id`,
    [messages.map((m) => m.tenantId), messages.map((m) => m.channel), messages.map((m) => m.channelMessageId)],
  );
  return new Map(
    rows.map((r) => [
      dedupKey({ tenantId: r.tenant_id, channel: r.channel, channelMessageId: r.channel_message_id }),
      { id: r.id, tenantId: r.tenant_id, number: r.number, isNew: false },
    ]),
  );
}

export async function findOpenConversations(
  tx: SqlExecutor,
  messages: readonly TenantMessage[],
): Promise<Map<string, TicketRef>> {
  const rows = await tx.query<{ tenant_id: string; conversation_key: string; id: string; number: string }>(
    `SELECT DISTINCT ON (t.tenant_id, t.conversation_key) t.tenant_id, t.conversation_key, t.id, t.number
       FROM unnest($1::uuid[], $2::text[]) AS k(tenant_id, conversation_key)
       JOIN tickets t USING (tenant_id, conversation_key)
      WHERE t.status NOT IN ('resolved', 'closed')
      ORDER BY t.tenant_id, t.conversation_key, t.created_at DESC`,
    [messages.map((m) => m.tenantId), messages.map((m) => m.conversationKey)],
  );
  return new Map(
    rows.map((r) => [
      conversationKeyOf({ tenantId: r.tenant_id, conversationKey: r.conversation_key }),
      { id: r.id, tenantId: r.tenant_id, number: r.number, isNew: false },
    ]),
  );
}

/** Takes `count` numbers from the tenant's sequence in one statement; nextval() never waits on other batches. */
export async function allocateTicketNumbers(
  tx: SqlExecutor,
  tenantId: string,
  prefix: string,
  count: number,
): Promise<string[]> {
  const rows = await tx.query<{ n: string }>(
    `SELECT nextval(ticket_number_sequence($1)::regclass) AS n FROM generate_series(1, $2)`,
    [tenantId, count],
  );
  return rows
    .map((r) => BigInt(r.n))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => formatTicketNumber(prefix, n));
}
