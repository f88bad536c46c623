import { timestampDate, type OutboundMessage } from '@switchboard/contracts';

/** The JSON an integrator receives for an agent's answer (documented in docs/channels/api.md). */
export interface ApiDeliveryPayload {
  readonly deliveryId: string;
  readonly messageId: string;
  readonly conversationId: string;
  readonly ticket: { readonly id: string; readonly number: string };
  readonly customer: { readonly id: string };
  readonly subject: string;
  readonly text: string;
  readonly attachments: readonly { readonly name: string; readonly contentType: string; readonly url: string }[];
  readonly agentId: string;
  readonly createdAt: string;
}

export function deliveryPayloadOf(
  message: OutboundMessage,
  deliveryId: string,
  conversationId: string,
): ApiDeliveryPayload {
  return {
    deliveryId,
    messageId: message.messageId,
    conversationId,
    ticket: { id: message.ticketId, number: message.ticketNumber },
    customer: { id: message.recipient?.externalId ?? '' },
    subject: message.subject,
    text: message.bodyText,
    attachments: message.attachments.map((a) => ({ name: a.name, contentType: a.contentType, url: a.storageRef })),
    agentId: message.agentId,
    createdAt: (message.createdAt ? timestampDate(message.createdAt) : new Date()).toISOString(),
  };
}
