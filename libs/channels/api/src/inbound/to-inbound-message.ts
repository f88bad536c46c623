import { Channel, InboundMessageSchema, create, timestampFromDate, type InboundMessage } from '@switchboard/contracts';
import type { ApiChannelRow } from '../store/api-channel.repository';
import type { ApiInbound } from './api-inbound.schema';

export const conversationKeyOf = (channelId: string, conversationId: string): string =>
  `api:${channelId}:${conversationId}`;

/** The channel id an answer's conversation key names (`api:<channel id>:<conversation>`). */
export function channelIdOfConversation(conversationKey: string): string | undefined {
  const match = /^api:([0-9a-f-]{36}):/.exec(conversationKey);
  return match?.[1];
}

/**
 * The integrator's message as an InboundMessage. The integrator signed it, so the customer's id is a
 * verified external identity (replies go back to it); an email or phone it names is not proven. The
 * channel message id is scoped to the channel: two integrators' ids never collide.
 */
export function toInboundMessage(
  channel: ApiChannelRow,
  input: ApiInbound,
  messageId: string,
  receivedAt: Date,
): InboundMessage {
  return create(InboundMessageSchema, {
    messageId,
    tenant: channel.tenantSlug,
    channel: Channel.API,
    channelMessageId: `${channel.id}:${input.messageId}`,
    conversationKey: conversationKeyOf(channel.id, input.conversationId),
    customer: {
      externalId: input.customer.id,
      name: input.customer.name ?? '',
      email: input.customer.email ?? '',
      phone: input.customer.phone ?? '',
      verified: ['external'],
    },
    subject: input.subject ?? '',
    bodyText: input.text,
    attachments: (input.attachments ?? []).map((a) => ({
      name: a.name ?? '',
      contentType: a.contentType ?? '',
      sizeBytes: BigInt(a.sizeBytes ?? 0),
      storageRef: a.url,
    })),
    hints: {
      category: input.hints?.category ?? '',
      region: input.hints?.region ?? '',
      language: input.hints?.language ?? '',
      ticketNumber: input.hints?.ticketNumber ?? '',
      ticketType: input.hints?.ticketType ?? '',
    },
    receivedAt: timestampFromDate(receivedAt),
    metadata: { ...input.metadata, api_channel_id: channel.id, api_channel: channel.name },
  });
}
