import { MessageAppendedSchema, channelName, create, type DeliveryReport } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import type { SqlExecutor } from '@switchboard/persistence';
import type { AuditEvent } from '../shared/audit-event';

export type NoteBase = Omit<AuditEvent, 'id' | 'type' | 'actor' | 'data' | 'payload'>;

export interface DeliveryNote {
  readonly ticketId: string;
  readonly channel: string;
  readonly text: string;
  /** `delivery_failed`, `delivery_delayed`, `acknowledgement_failed`. */
  readonly kind: string;
  /** The outbound ticket message the note is about; null for a channel notice (an acknowledgement). */
  readonly messageId: string | null;
}

/** A system note on the ticket about a delivery (a `note` message with its `message_appended` event). */
export async function insertDeliveryNote(
  tx: SqlExecutor,
  tenantId: string,
  note: DeliveryNote,
  report: DeliveryReport,
  base: NoteBase,
): Promise<AuditEvent> {
  const noteId = newId();
  await tx.query(
    `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, body_text, metadata, received_at)
     VALUES ($1::uuid, $2, $3, 'note', $4, $1::text, $5, $6, $7)`,
    [
      noteId,
      tenantId,
      note.ticketId,
      note.channel,
      note.text,
      JSON.stringify({ kind: note.kind, messageId: note.messageId }),
      base.occurredAt.toISOString(),
    ],
  );
  const channel = channelName(report.channel) ? report.channel : undefined;
  return {
    ...base,
    id: newId(),
    type: 'message_appended',
    actor: { kind: 'system', id: null },
    data: {
      messageId: noteId,
      direction: 'note',
      reason: note.kind,
      ...(note.messageId ? { failedMessageId: note.messageId } : {}),
      before: null,
      after: { note: note.text },
    },
    payload: {
      case: 'messageAppended',
      value: create(MessageAppendedSchema, { messageId: noteId, direction: 'note', ...(channel ? { channel } : {}) }),
    },
  };
}

/** Marks an email address that could not be delivered to, for agents and for the channel. */
export async function flagEmailAddress(
  tx: SqlExecutor,
  tenantId: string,
  report: DeliveryReport,
  ticketId: string,
): Promise<void> {
  if (!report.recipient) return;
  await tx.query(
    `INSERT INTO email_address_flags (tenant_id, address, reason, detail, ticket_id) VALUES ($1, lower($2), 'delivery_failed', $3, $4)
     ON CONFLICT (tenant_id, address) DO UPDATE SET detail = EXCLUDED.detail, ticket_id = EXCLUDED.ticket_id, flagged_at = now()`,
    [tenantId, report.recipient, report.detail, ticketId],
  );
}
