import {
  Channel,
  DeliveryReport_Status,
  DeliveryReportSchema,
  Headers,
  create,
  encodeDeliveryReport,
  timestampFromDate,
} from '@switchboard/contracts';
import type { OutgoingRecord } from '@switchboard/messaging';
import type { Bounce } from '../classify/email-classification';
import type { EmailMessageRecord } from '../store/email-message.repository';
import type { Mailbox } from '../store/mailbox.repository';

/**
 * The delivery report for a bounce of a mail we sent: FAILED, or DELAYED for a delay notice (the server
 * is still trying, so nothing failed yet). An acknowledgement's bounce is a channel notice: its id is
 * ours, not a ticket message's, and the ticket service still flags the address.
 */
export function bounceReport(mailbox: Mailbox, sent: EmailMessageRecord, bounce: Bounce): OutgoingRecord {
  const report = create(DeliveryReportSchema, {
    messageId: sent.outboundMessageId ?? '',
    tenant: mailbox.tenantSlug,
    channel: Channel.EMAIL,
    ticketId: sent.ticketId ?? '',
    status: bounce.action === 'delayed' ? DeliveryReport_Status.DELAYED : DeliveryReport_Status.FAILED,
    detail: [bounce.status, bounce.diagnostic].filter(Boolean).join(' ').slice(0, 1_000),
    recipient: bounce.failedRecipient ?? sent.counterpart,
    providerMessageId: sent.messageId,
    occurredAt: timestampFromDate(new Date()),
    channelNotice: sent.notice === true,
  });
  return {
    key: report.ticketId,
    value: encodeDeliveryReport(report),
    headers: { [Headers.tenantId]: mailbox.tenantId },
  };
}
