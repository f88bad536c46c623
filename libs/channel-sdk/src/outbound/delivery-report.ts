import {
  DeliveryReportSchema,
  DeliveryReport_Status,
  Headers,
  create,
  encodeDeliveryReport,
  timestampFromDate,
  type Channel,
  type OutboundMessage,
} from '@switchboard/contracts';
import type { OutgoingRecord } from '@switchboard/messaging';
import type { ProviderStatus } from '../adapter/channel-adapter';

const recipientOf = (m: OutboundMessage): string =>
  m.recipient?.email || m.recipient?.phone || m.recipient?.wechatOpenid || m.recipient?.externalId || '';

/** A DeliveryReport for outbound.status.v1, keyed by ticket so one ticket's reports stay ordered. */
export function deliveryReportRecord(channel: Channel, status: ProviderStatus, now: Date): OutgoingRecord {
  const report = create(DeliveryReportSchema, {
    messageId: status.messageId,
    tenant: status.tenant,
    channel,
    ticketId: status.ticketId,
    status: status.status,
    detail: (status.detail ?? '').slice(0, 1_000),
    recipient: status.recipient ?? '',
    providerMessageId: status.providerMessageId,
    occurredAt: timestampFromDate(now),
  });
  return { key: status.ticketId, value: encodeDeliveryReport(report), headers: { [Headers.tenantId]: status.tenant } };
}

export function statusOf(
  message: OutboundMessage,
  status: DeliveryReport_Status,
  providerMessageId: string,
  detail = '',
): ProviderStatus {
  return {
    tenant: message.tenant,
    messageId: message.messageId,
    ticketId: message.ticketId,
    status,
    providerMessageId,
    recipient: recipientOf(message),
    detail,
  };
}

export { DeliveryReport_Status };
