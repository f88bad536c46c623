import {
  Channel,
  Headers,
  OutboundMessageSchema,
  Topics,
  create,
  encodeOutboundMessage,
  timestampFromDate,
} from '@switchboard/contracts';
import type { OutboxEntry } from '@switchboard/persistence';
import type { CustomerTicket } from './customer-ticket';

export interface CustomerMail {
  readonly subject: string;
  readonly text: string;
}

/**
 * A notice to the ticket's customer through the existing outbound email path (outbound.email.v1,
 * sent by the email channel from the tenant's mailbox), written to the outbox in the caller's
 * transaction. Not a ticket message: its delivery report finds no message and is skipped.
 */
export function customerMailEntry(ticket: CustomerTicket, messageId: string, mail: CustomerMail): OutboxEntry {
  const outbound = create(OutboundMessageSchema, {
    messageId,
    tenant: ticket.tenantSlug,
    ticketId: ticket.id,
    ticketNumber: ticket.number,
    channel: Channel.EMAIL,
    conversationKey: ticket.conversationKey,
    recipient: { email: ticket.email, name: ticket.customerName },
    subject: mail.subject,
    bodyText: mail.text,
    createdAt: timestampFromDate(new Date()),
  });
  return {
    tenantId: ticket.tenantId,
    topic: Topics.outboundEmail,
    key: ticket.conversationKey,
    payload: encodeOutboundMessage(outbound),
    headers: { [Headers.tenantId]: ticket.tenantId },
  };
}
