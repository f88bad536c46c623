import { MessageAppendedSchema, channelName, create, timestampDate, type DeliveryReport } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { appendToOutbox, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '../shared/audit-event';
import type { TenantDirectory } from '../shared/tenant-directory';
import { advances, deliveryStatusOf, type DeliveryStatus } from './delivery-status';

interface OutboundRow {
  id: string;
  ticket_id: string;
  channel: string;
  status: DeliveryStatus;
}

/** Why a report was not applied; the consumer logs it and moves on (reports are advisory). */
export type ReportSkip = 'unknown_tenant' | 'unknown_message' | 'unspecified_status' | 'not_newer';

/**
 * Records what a channel reported about an outbound message, in one transaction: the message's
 * delivery status in its metadata and a `delivery_status_changed` audit event; on FAILED also a system
 * note on the ticket (`message_appended`, direction note) and, for email, the address flagged.
 */
export class RecordDeliveryReportUseCase {
  constructor(
    private readonly db: Database,
    private readonly tenants: TenantDirectory,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  async execute(report: DeliveryReport): Promise<ReportSkip | 'recorded'> {
    const tenant = (await this.tenants.resolve(this.db, [report.tenant])).get(report.tenant);
    if (!tenant) return 'unknown_tenant';
    const to = deliveryStatusOf(report.status);
    if (!to) return 'unspecified_status';
    const result = await this.db.transaction(async (tx): Promise<{ skip: ReportSkip } | { rows: OutboxRow[] }> => {
      const [message] = await tx.query<OutboundRow>(
        `SELECT id, ticket_id, channel, COALESCE(metadata->>'deliveryStatus', 'pending') AS status
           FROM ticket_messages WHERE tenant_id = $1 AND id = $2 AND direction = 'outbound' FOR UPDATE`,
        [tenant.id, report.messageId],
      );
      if (!message) return { skip: 'unknown_message' };
      if (!advances(message.status, to)) return { skip: 'not_newer' };
      return { rows: await this.apply(tx, { tenantId: tenant.id, tenantSlug: tenant.slug }, message, to, report) };
    });
    if ('skip' in result) return result.skip;
    this.onCommitted(result.rows);
    return 'recorded';
  }

  private async apply(
    tx: SqlExecutor,
    tenant: { tenantId: string; tenantSlug: string },
    message: OutboundRow,
    to: DeliveryStatus,
    report: DeliveryReport,
  ): Promise<OutboxRow[]> {
    const at = report.occurredAt ? timestampDate(report.occurredAt) : new Date();
    await tx.query(`UPDATE ticket_messages SET metadata = metadata || $3::jsonb WHERE tenant_id = $1 AND id = $2`, [
      tenant.tenantId,
      message.id,
      JSON.stringify({
        deliveryStatus: to,
        deliveryDetail: report.detail,
        deliveryUpdatedAt: at.toISOString(),
        ...(report.providerMessageId ? { providerMessageId: report.providerMessageId } : {}),
      }),
    ]);
    const base = { ...tenant, ticketId: message.ticket_id, source: 'channel' as const, occurredAt: at };
    const events: AuditEvent[] = [
      {
        ...base,
        id: newId(),
        type: 'delivery_status_changed',
        actor: { kind: 'system', id: null },
        data: {
          messageId: message.id,
          before: { deliveryStatus: message.status },
          after: { deliveryStatus: to },
          detail: report.detail,
          recipient: report.recipient,
        },
        // No TicketEvent payload describes a delivery status yet; the audit row is the record.
        payload: { case: undefined },
      },
    ];
    if (to === 'failed') events.push(await this.failureNote(tx, tenant.tenantId, message, report, base));
    await insertAuditEvents(tx, events);
    return appendToOutbox(tx, events.filter((e) => e.payload.case !== undefined).map(toOutboxEntry));
  }

  private async failureNote(
    tx: SqlExecutor,
    tenantId: string,
    message: OutboundRow,
    report: DeliveryReport,
    base: Omit<AuditEvent, 'id' | 'type' | 'actor' | 'data' | 'payload'>,
  ): Promise<AuditEvent> {
    const noteId = newId();
    const text = `Delivery to ${report.recipient || 'the customer'} failed${report.detail ? `: ${report.detail}` : '.'}`;
    await tx.query(
      `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, body_text, metadata, received_at)
       VALUES ($1::uuid, $2, $3, 'note', $4, $1::text, $5, $6, $7)`,
      [
        noteId,
        tenantId,
        message.ticket_id,
        message.channel,
        text,
        JSON.stringify({ kind: 'delivery_failed', messageId: message.id }),
        base.occurredAt.toISOString(),
      ],
    );
    if (message.channel === 'email' && report.recipient) {
      await tx.query(
        `INSERT INTO email_address_flags (tenant_id, address, reason, detail, ticket_id) VALUES ($1, lower($2), 'delivery_failed', $3, $4)
         ON CONFLICT (tenant_id, address) DO UPDATE SET detail = EXCLUDED.detail, ticket_id = EXCLUDED.ticket_id, flagged_at = now()`,
        [tenantId, report.recipient, report.detail, message.ticket_id],
      );
    }
    const channel = channelName(report.channel) ? report.channel : undefined;
    return {
      ...base,
      id: newId(),
      type: 'message_appended',
      actor: { kind: 'system', id: null },
      data: {
        messageId: noteId,
        direction: 'note',
        reason: 'delivery_failed',
        failedMessageId: message.id,
        before: null,
        after: { note: text },
      },
      payload: {
        case: 'messageAppended',
        value: create(MessageAppendedSchema, { messageId: noteId, direction: 'note', ...(channel ? { channel } : {}) }),
      },
    };
  }
}
