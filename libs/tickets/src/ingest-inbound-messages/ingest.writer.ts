import type { SqlExecutor } from '@switchboard/persistence';
import type { CustomerInfo } from './customer-resolver';
import type { IngestDecision } from './plan-ingest';

export interface PlannedWrite {
  readonly decision: Exclude<IngestDecision, { kind: 'duplicate' }>;
  readonly messageRowId: string;
  readonly customer: CustomerInfo;
}

/** Inserts the batch's new tickets in one statement. */
export async function insertTickets(tx: SqlExecutor, writes: readonly PlannedWrite[]): Promise<void> {
  const creates = writes.filter((w) => w.decision.kind === 'create');
  if (creates.length === 0) return;
  const col = <T>(f: (w: PlannedWrite) => T): T[] => creates.map(f);
  await tx.query(
    `INSERT INTO tickets (id, tenant_id, number, customer_id, priority, category, channel, subject, tier, region, language, conversation_key, created_at, updated_at)
     SELECT u.*, u.created_at FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[])
       AS u(id, tenant_id, number, customer_id, priority, category, channel, subject, tier, region, language, conversation_key, created_at)`,
    [
      col((w) => w.decision.ticket.id),
      col((w) => w.decision.ticket.tenantId),
      col((w) => w.decision.ticket.number),
      col((w) => w.customer.id),
      col((w) => w.decision.message.priority),
      col((w) => w.decision.message.category),
      col((w) => w.decision.message.channel),
      col((w) => w.decision.message.subject),
      col((w) => w.customer.tier),
      col((w) => w.decision.message.region ?? w.customer.region),
      col((w) => w.decision.message.language),
      col((w) => w.decision.message.conversationKey),
      col((w) => w.decision.message.receivedAt.toISOString()),
    ],
  );
}

/** Inserts every new message in one statement; the unique key (tenant, channel, channel id) is the last guard. */
export async function insertMessages(tx: SqlExecutor, writes: readonly PlannedWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const col = <T>(f: (w: PlannedWrite) => T): T[] => writes.map(f);
  await tx.query(
    `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, customer_id, subject,
       body_text, body_html, attachments, metadata, received_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[],
       $9::text[], $10::text[], $11::jsonb[], $12::jsonb[], $13::timestamptz[])`,
    [
      col((w) => w.messageRowId),
      col((w) => w.decision.ticket.tenantId),
      col((w) => w.decision.ticket.id),
      col(() => 'inbound'),
      col((w) => w.decision.message.channel),
      col((w) => w.decision.message.channelMessageId),
      col((w) => w.customer.id),
      col((w) => w.decision.message.subject),
      col((w) => w.decision.message.bodyText),
      col((w) => w.decision.message.bodyHtml),
      col((w) => JSON.stringify(w.decision.message.attachments)),
      col((w) => JSON.stringify(w.decision.message.metadata)),
      col((w) => w.decision.message.receivedAt.toISOString()),
    ],
  );
}

/** Existing tickets that got a message are touched so inboxes sort by last activity. */
export async function touchTickets(tx: SqlExecutor, ticketIds: readonly string[]): Promise<void> {
  if (ticketIds.length === 0) return;
  await tx.query('UPDATE tickets SET updated_at = now() WHERE id = ANY($1::uuid[])', [[...new Set(ticketIds)]]);
}
