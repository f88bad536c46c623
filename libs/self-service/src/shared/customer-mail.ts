import { createHash } from 'node:crypto';
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
 * A stable UUID from a name: an outbox row published twice, or a job run twice for one due row, gives
 * the email channel the same OutboundMessage id, which it sends once.
 */
export function stableId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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
