import { storableText, type ChannelName } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import type { IngestOutcome } from '../ingest-inbound-messages/ingest-inbound-messages.command';
import { isAddressableMessage } from '../ingest-inbound-messages/inbound-message.validation';

const MAX_DETAIL_CHARS = 2_000;

/** One row of inbound_receipts: what became of one inbound message, as its receipt said. */
export interface StoredReceipt {
  readonly messageId: string;
  readonly tenantSlug: string;
  readonly channel: ChannelName | null;
  readonly outcome: IngestOutcome['kind'];
  readonly ticketId: string | null;
  readonly ticketNumber: string | null;
  readonly rejectReason: string | null;
  readonly rejectDetail: string | null;
  readonly fieldErrors: readonly { readonly field: string; readonly message: string }[];
}

export function storedReceiptOf(
  outcome: IngestOutcome,
  ctx: { readonly tenantSlug: string; readonly channel: ChannelName | undefined },
): StoredReceipt {
  const rejected = outcome.kind === 'rejected';
  return {
    messageId: outcome.messageId,
    tenantSlug: ctx.tenantSlug,
    channel: ctx.channel ?? null,
    outcome: outcome.kind,
    ticketId: rejected ? null : outcome.ticketId,
    ticketNumber: rejected ? null : outcome.ticketNumber,
    rejectReason: rejected ? outcome.reason : null,
    rejectDetail: rejected ? storableText(outcome.detail).slice(0, MAX_DETAIL_CHARS) : null,
    fieldErrors: rejected
      ? (outcome.fieldErrors ?? []).map((e) => ({ field: storableText(e.field), message: storableText(e.message) }))
      : [],
  };
}

/**
 * Keeps a batch's receipts in the batch's transaction, one statement. The first receipt of a message id
 * wins: a republished copy of a stored message is a "duplicate" and must not hide its ticket.
 */
export async function insertReceipts(tx: SqlExecutor, all: readonly StoredReceipt[]): Promise<void> {
  // A record too malformed to name (no UUID, no tenant slug) cannot be asked about; the DLQ keeps it.
  const receipts = all.filter((r) => isAddressableMessage(r.messageId, r.tenantSlug));
  if (receipts.length === 0) return;
  const col = <T>(f: (r: StoredReceipt) => T): T[] => receipts.map(f);
  await tx.query(
    `INSERT INTO inbound_receipts (message_id, tenant_slug, channel, outcome, ticket_id, ticket_number,
       reject_reason, reject_detail, field_errors)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[],
       $8::text[], $9::jsonb[])
     ON CONFLICT (message_id) DO NOTHING`,
    [
      col((r) => r.messageId),
      col((r) => r.tenantSlug),
      col((r) => r.channel),
      col((r) => r.outcome),
      col((r) => r.ticketId),
      col((r) => r.ticketNumber),
      col((r) => r.rejectReason),
      col((r) => r.rejectDetail),
      col((r) => JSON.stringify(r.fieldErrors)),
    ],
  );
}

interface ReceiptRow {
  message_id: string;
  tenant_slug: string;
  channel: ChannelName | null;
  outcome: IngestOutcome['kind'];
  ticket_id: string | null;
  ticket_number: string | null;
  reject_reason: string | null;
  reject_detail: string | null;
  field_errors: { field: string; message: string }[];
}

/** The receipt of one message of one tenant; undefined while the message is still on its way. */
export async function findReceipt(
  db: SqlExecutor,
  tenantSlug: string,
  messageId: string,
): Promise<StoredReceipt | undefined> {
  const [row] = await db.query<ReceiptRow>(
    `SELECT message_id, tenant_slug, channel, outcome, ticket_id, ticket_number, reject_reason, reject_detail,
            field_errors
       FROM inbound_receipts WHERE message_id = $1 AND tenant_slug = $2`,
    [messageId, tenantSlug],
  );
  if (!row) return undefined;
  return {
    messageId: row.message_id,
    tenantSlug: row.tenant_slug,
    channel: row.channel,
    outcome: row.outcome,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    rejectReason: row.reject_reason,
    rejectDetail: row.reject_detail,
    fieldErrors: row.field_errors,
  };
}

/** Forgets receipts older than the retention, a bounded number per call so no sweep holds long locks. */
export async function purgeReceipts(db: SqlExecutor, olderThanDays: number, limit = 10_000): Promise<number> {
  const rows = await db.query<{ message_id: string }>(
    `DELETE FROM inbound_receipts WHERE message_id IN (
       SELECT message_id FROM inbound_receipts WHERE created_at < now() - make_interval(days => $1) LIMIT $2)
     RETURNING message_id`,
    [olderThanDays, limit],
  );
  return rows.length;
}
