import type { DeliveryReport_Status } from '@switchboard/contracts';
import {
  Channel,
  DeliveryReportSchema,
  Headers,
  create,
  encodeDeliveryReport,
  timestampFromDate,
  type OutboundMessage,
} from '@switchboard/contracts';
import type { OutgoingRecord } from '@switchboard/messaging';

/** A DeliveryReport record for outbound.status.v1, keyed by ticket so one ticket's reports stay ordered. */
export function deliveryReportRecord(
  message: OutboundMessage,
  tenantId: string,
  status: DeliveryReport_Status.SENT | DeliveryReport_Status.FAILED,
  providerMessageId: string,
  detail = '',
): OutgoingRecord {
  const report = create(DeliveryReportSchema, {
    messageId: message.messageId,
    tenant: message.tenant,
    channel: Channel.EMAIL,
    ticketId: message.ticketId,
    status,
    detail: detail.slice(0, 1_000),
    recipient: message.recipient?.email ?? '',
    providerMessageId,
    occurredAt: timestampFromDate(new Date()),
  });
  return { key: message.ticketId, value: encodeDeliveryReport(report), headers: { [Headers.tenantId]: tenantId } };
}
