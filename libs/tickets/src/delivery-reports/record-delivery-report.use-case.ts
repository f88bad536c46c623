import { DeliveryReport_Status, timestampDate, type DeliveryReport } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { appendToOutbox, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '../shared/audit-event';
import type { TenantDirectory } from '../shared/tenant-directory';
import { flagEmailAddress, insertDeliveryNote, type NoteBase } from './delivery-note';
import { advances, deliveryStatusOf, type DeliveryStatus } from './delivery-status';

interface OutboundRow {
  id: string;
  ticket_id: string;
  channel: string;
  status: DeliveryStatus;
}

/** Why a report was not applied; the consumer logs it and moves on (reports are advisory). */
export type ReportSkip = 'unknown_tenant' | 'unknown_message' | 'unknown_ticket' | 'unspecified_status' | 'not_newer';

interface Tenant {
  readonly tenantId: string;
  readonly tenantSlug: string;
}

type Outcome = { skip: ReportSkip } | { rows: OutboxRow[] };

const recipientOf = (report: DeliveryReport): string => report.recipient || 'the customer';

/**
 * Records what a channel reported about an outbound message, in one transaction: the message's
 * delivery status in its metadata and a `delivery_status_changed` audit event; on FAILED also a system
 * note on the ticket (`message_appended`, direction note) and, for email, the address flagged. DELAYED
 * changes no status (the provider is still trying): it adds a note and keeps waiting. A channel notice
 * (an acknowledgement the channel sent on its own) names no ticket message: its failure still notes the
 * ticket and flags the address.
 */
export class RecordDeliveryReportUseCase {
  constructor(
    private readonly db: Database,
    private readonly tenants: TenantDirectory,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  async execute(report: DeliveryReport): Promise<ReportSkip | 'recorded'> {
    const found = (await this.tenants.resolve(this.db, [report.tenant])).get(report.tenant);
    if (!found) return 'unknown_tenant';
    const tenant = { tenantId: found.id, tenantSlug: found.slug };
    const result = await this.db.transaction((tx): Promise<Outcome> =>
      report.channelNotice ? this.noticeReport(tx, tenant, report) : this.messageReport(tx, tenant, report),
    );
    if ('skip' in result) return result.skip;
    this.onCommitted(result.rows);
    return 'recorded';
  }

  private async messageReport(tx: SqlExecutor, tenant: Tenant, report: DeliveryReport): Promise<Outcome> {
    const delayed = report.status === DeliveryReport_Status.DELAYED;
    const to = deliveryStatusOf(report.status);
    if (!to && !delayed) return { skip: 'unspecified_status' };
    const [message] = await tx.query<OutboundRow>(
      `SELECT id, ticket_id, channel, COALESCE(metadata->>'deliveryStatus', 'pending') AS status
         FROM ticket_messages WHERE tenant_id = $1 AND id = $2 AND direction = 'outbound' FOR UPDATE`,
      [tenant.tenantId, report.messageId],
    );
    if (!message) return { skip: 'unknown_message' };
    if (delayed) return { rows: await this.applyDelay(tx, tenant, message, report) };
    if (!to || !advances(message.status, to)) return { skip: 'not_newer' };
    return { rows: await this.apply(tx, tenant, message, to, report) };
  }

  private base(tenant: Tenant, ticketId: string, report: DeliveryReport): NoteBase {
    const at = report.occurredAt ? timestampDate(report.occurredAt) : new Date();
    return { ...tenant, ticketId, source: 'channel', occurredAt: at };
  }

  private async finish(tx: SqlExecutor, events: AuditEvent[]): Promise<OutboxRow[]> {
    await insertAuditEvents(tx, events);
    return appendToOutbox(tx, events.filter((e) => e.payload.case !== undefined).map(toOutboxEntry));
  }

  private async apply(
    tx: SqlExecutor,
    tenant: Tenant,
    message: OutboundRow,
    to: DeliveryStatus,
    report: DeliveryReport,
  ): Promise<OutboxRow[]> {
    const base = this.base(tenant, message.ticket_id, report);
    await tx.query(`UPDATE ticket_messages SET metadata = metadata || $3::jsonb WHERE tenant_id = $1 AND id = $2`, [
      tenant.tenantId,
      message.id,
      JSON.stringify({
        deliveryStatus: to,
        deliveryDetail: report.detail,
        deliveryUpdatedAt: base.occurredAt.toISOString(),
        ...(report.providerMessageId ? { providerMessageId: report.providerMessageId } : {}),
      }),
    ]);
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
    if (to === 'failed') {
      const text = `Delivery to ${recipientOf(report)} failed${report.detail ? `: ${report.detail}` : '.'}`;
      const note = { ticketId: message.ticket_id, channel: message.channel, text, kind: 'delivery_failed' };
      events.push(await insertDeliveryNote(tx, tenant.tenantId, { ...note, messageId: message.id }, report, base));
      if (message.channel === 'email') await flagEmailAddress(tx, tenant.tenantId, report, message.ticket_id);
    }
    return this.finish(tx, events);
  }

  /** A delay is not a failure: the status stays, the ticket gets a note, and the final report still comes. */
  private async applyDelay(
    tx: SqlExecutor,
    tenant: Tenant,
    message: OutboundRow,
    report: DeliveryReport,
  ): Promise<OutboxRow[]> {
    const base = this.base(tenant, message.ticket_id, report);
    await tx.query(`UPDATE ticket_messages SET metadata = metadata || $3::jsonb WHERE tenant_id = $1 AND id = $2`, [
      tenant.tenantId,
      message.id,
      JSON.stringify({ deliveryDelayedAt: base.occurredAt.toISOString(), deliveryDelayDetail: report.detail }),
    ]);
    const text = `Delivery to ${recipientOf(report)} is delayed; the mail server is still trying${report.detail ? `: ${report.detail}` : '.'}`;
    const note = { ticketId: message.ticket_id, channel: message.channel, text, kind: 'delivery_delayed' };
    return this.finish(tx, [
      await insertDeliveryNote(tx, tenant.tenantId, { ...note, messageId: message.id }, report, base),
    ]);
  }

  /** An acknowledgement bounced: there is no ticket message to mark, but the address is flagged all the same. */
  private async noticeReport(tx: SqlExecutor, tenant: Tenant, report: DeliveryReport): Promise<Outcome> {
    if (report.status !== DeliveryReport_Status.FAILED) return { skip: 'not_newer' };
    const [ticket] = await tx.query<{ id: string; channel: string }>(
      `SELECT id, channel FROM tickets WHERE tenant_id = $1 AND id = $2`,
      [tenant.tenantId, report.ticketId],
    );
    if (!ticket) return { skip: 'unknown_ticket' };
    const base = this.base(tenant, ticket.id, report);
    const text = `The acknowledgement to ${recipientOf(report)} could not be delivered${report.detail ? `: ${report.detail}` : '.'}`;
    const note = { ticketId: ticket.id, channel: 'email', text, kind: 'acknowledgement_failed', messageId: null };
    const event = await insertDeliveryNote(tx, tenant.tenantId, note, report, base);
    await flagEmailAddress(tx, tenant.tenantId, report, ticket.id);
    return { rows: await this.finish(tx, [event]) };
  }
}
