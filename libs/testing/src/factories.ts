import { newId } from '@switchboard/ids';
import {
  Channel,
  CustomerIdentitySchema,
  InboundMessageSchema,
  MessageHintsSchema,
  create,
  timestampFromDate,
  type InboundMessage,
} from '@switchboard/contracts';

export interface InboundMessageOverrides {
  tenant?: string;
  channel?: Channel;
  channelMessageId?: string;
  conversationKey?: string;
  email?: string;
  name?: string;
  subject?: string;
  bodyText?: string;
  category?: string;
  region?: string;
  priority?: string;
}

/**
 * An InboundMessage as a channel would publish it, with sensible defaults for every field. The
 * default body names a different order each time: equal texts from one customer are near-duplicates
 * that the ticket service folds into one ticket, which a test must ask for explicitly.
 */
export function inboundMessage(overrides: InboundMessageOverrides = {}): InboundMessage {
  const messageId = newId();
  const channelMessageId = overrides.channelMessageId ?? `cm-${messageId}`;
  return create(InboundMessageSchema, {
    messageId,
    tenant: overrides.tenant ?? 'acme',
    channel: overrides.channel ?? Channel.WEB,
    channelMessageId,
    conversationKey: overrides.conversationKey ?? `web:${channelMessageId}`,
    customer: create(CustomerIdentitySchema, {
      email: overrides.email ?? 'customer@example.com',
      name: overrides.name ?? 'Wei Zhang',
    }),
    subject: overrides.subject ?? 'My order has not arrived',
    bodyText: overrides.bodyText ?? `Order ${channelMessageId.slice(-8)} was due on Monday.`,
    hints: create(MessageHintsSchema, {
      category: overrides.category ?? '',
      region: overrides.region ?? '',
      priority: overrides.priority ?? '',
    }),
    receivedAt: timestampFromDate(new Date()),
  });
}

export const factory = { inboundMessage };
