import type { SqlExecutor } from '@switchboard/persistence';
import { formatTicketNumber } from '../shared/ticket-number';
import { holdCustomers, type CustomerInfo } from './customer-resolver';
import {
  planIngest,
  textHashOf,
  type IngestDecision,
  conversationKeyOf,
  dedupKey,
  nearDuplicateKeyOf,
  numberKeyOf,
  type IngestItem,
  type NearDuplicateCandidate,
  type ReopenPolicy,
  type TenantMessage,
  type TicketRef,
  type TicketState,
} from './plan-ingest';

/** Set-based SQL for one ingest batch: every statement takes arrays and touches all rows at once. */

/**
 * Holds the batch's customers (resolved, and committed, before this transaction), reads everything
 * threading needs in a few statements, and plans the batch.
 */
export async function loadAndPlanIngest(
  tx: SqlExecutor,
  messages: readonly TenantMessage[],
  customers: readonly CustomerInfo[],
  newId: () => string,
): Promise<IngestDecision[]> {
  await holdCustomers(
    tx,
    customers.map((c) => c.id),
  );
  const items: IngestItem[] = messages.map((message, i) => {
    const customer = customers[i];
    if (!customer) throw new Error(`customer for message ${message.messageId} was not resolved`);
    return { message, customer, textHash: textHashOf(message) };
  });
  const nearDuplicateWindows = await findNearDuplicateWindows(
    tx,
    messages.map((m) => m.tenantId),
  );
  return planIngest(items, {
    storedMessages: await findStoredMessages(tx, messages),
    conversations: await findConversationTickets(tx, messages),
    numberedTickets: await findNumberedTickets(tx, messages),
    nearDuplicates: await findNearDuplicates(tx, items, nearDuplicateWindows),
    nearDuplicateWindows,
    newId,
  });
}

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

interface TicketStateRow {
  lookup: string;
  id: string;
  tenant_id: string;
  number: string;
  customer_id: string;
  status: string;
  archived: boolean;
  closed_at: Date | null;
  reopen_policy: ReopenPolicy;
  reopen_within_days: number;
}

/**
 * The threading state of the tickets named by `from` (a query yielding `lookup` and `ticket_id`): a
 * merged ticket is read as the one it was merged into. Not locked: one conversation's messages come
 * in order from one partition, and the reopen update re-checks the status it read.
 */
const TICKET_STATE = (from: string): string => `
  SELECT s.lookup, t.id, t.tenant_id, t.number, t.customer_id, t.status, t.archived_at IS NOT NULL AS archived,
         COALESCE(GREATEST(t.resolved_at, t.closed_at), t.updated_at) AS closed_at,
         COALESCE(tm.reopen_policy, 'reopen') AS reopen_policy, COALESCE(tm.reopen_within_days, 0) AS reopen_within_days
    FROM (${from}) AS s
    JOIN tickets src ON src.id = s.ticket_id
    JOIN tickets t ON t.id = COALESCE(src.merged_into_id, src.id)
    LEFT JOIN teams tm ON tm.id = t.team_id`;

const toState = (r: TicketStateRow): TicketState => ({
  ref: { id: r.id, tenantId: r.tenant_id, number: r.number, isNew: false },
  customerId: r.customer_id,
  status: r.status,
  archived: r.archived,
  closedAt: r.closed_at,
  reopenPolicy: r.reopen_policy,
  reopenWithinDays: r.reopen_within_days,
});

/** The latest ticket of each conversation, whatever its status (the reopen policy needs closed ones too). */
export async function findConversationTickets(
  tx: SqlExecutor,
  messages: readonly TenantMessage[],
): Promise<Map<string, TicketState>> {
  const keys = new Map(messages.map((m) => [conversationKeyOf(m), m]));
  if (keys.size === 0) return new Map();
  const rows = await tx.query<TicketStateRow>(
    TICKET_STATE(`
      SELECT k.conversation_key AS lookup, latest.id AS ticket_id
        FROM unnest($1::uuid[], $2::text[]) AS k(tenant_id, conversation_key)
        CROSS JOIN LATERAL (
          SELECT id FROM tickets t
           WHERE t.tenant_id = k.tenant_id AND t.conversation_key = k.conversation_key
           ORDER BY t.created_at DESC LIMIT 1) AS latest`),
    [[...keys.values()].map((m) => m.tenantId), [...keys.values()].map((m) => m.conversationKey)],
  );
  return new Map(
    rows.map((r) => [conversationKeyOf({ tenantId: r.tenant_id, conversationKey: r.lookup }), toState(r)]),
  );
}

/** The tickets customers quoted by number. */
export async function findNumberedTickets(
  tx: SqlExecutor,
  messages: readonly TenantMessage[],
): Promise<Map<string, TicketState>> {
  const quoted = messages.filter((m) => m.ticketNumberHint !== null);
  if (quoted.length === 0) return new Map();
  const rows = await tx.query<TicketStateRow>(
    TICKET_STATE(`
      SELECT k.number AS lookup, t.id AS ticket_id
        FROM unnest($1::uuid[], $2::text[]) AS k(tenant_id, number)
        JOIN tickets t USING (tenant_id, number)`),
    [quoted.map((m) => m.tenantId), quoted.map((m) => m.ticketNumberHint)],
  );
  return new Map(rows.map((r) => [numberKeyOf(r.tenant_id, r.lookup), toState(r)]));
}

/** Per tenant: the near-duplicate window in seconds. */
export async function findNearDuplicateWindows(
  tx: SqlExecutor,
  tenantIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await tx.query<{ id: string; seconds: number }>(
    `SELECT id, near_duplicate_window_seconds AS seconds FROM tenants WHERE id = ANY($1::uuid[])`,
    [[...new Set(tenantIds)]],
  );
  return new Map(rows.map((r) => [r.id, r.seconds]));
}

/** Stored messages on open tickets with the same customer and text, within the window of any message that may match. */
export async function findNearDuplicates(
  tx: SqlExecutor,
  items: readonly IngestItem[],
  windows: ReadonlyMap<string, number>,
): Promise<Map<string, NearDuplicateCandidate[]>> {
  const probes = items.filter(
    (i): i is IngestItem & { textHash: string } => i.textHash !== null && (windows.get(i.message.tenantId) ?? 0) > 0,
  );
  if (probes.length === 0) return new Map();
  const rows = await tx.query<{
    tenant_id: string;
    customer_id: string;
    text_hash: string;
    ticket_id: string;
    number: string;
    received_at: Date;
  }>(
    `SELECT DISTINCT m.tenant_id, m.customer_id, m.text_hash, t.id AS ticket_id, t.number, m.received_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::int[]) AS k(tenant_id, customer_id, text_hash, at, window_s)
       JOIN ticket_messages m ON m.tenant_id = k.tenant_id AND m.customer_id = k.customer_id AND m.text_hash = k.text_hash
        AND m.received_at BETWEEN k.at - make_interval(secs => k.window_s) AND k.at + make_interval(secs => k.window_s)
       JOIN tickets t ON t.id = m.ticket_id
      WHERE t.status NOT IN ('resolved', 'closed') AND t.merged_into_id IS NULL
      ORDER BY m.received_at`,
    [
      probes.map((i) => i.message.tenantId),
      probes.map((i) => i.customer.id),
      probes.map((i) => i.textHash),
      probes.map((i) => i.message.receivedAt.toISOString()),
      probes.map((i) => windows.get(i.message.tenantId) ?? 0),
    ],
  );
  const found = new Map<string, NearDuplicateCandidate[]>();
  for (const r of rows) {
    const key = nearDuplicateKeyOf(r.tenant_id, r.customer_id, r.text_hash);
    const ticket: TicketRef = { id: r.ticket_id, tenantId: r.tenant_id, number: r.number, isNew: false };
    found.set(key, [...(found.get(key) ?? []), { ticket, receivedAt: r.received_at }]);
  }
  return found;
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
