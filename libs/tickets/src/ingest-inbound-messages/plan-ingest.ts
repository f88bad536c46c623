import type { ValidInboundMessage } from './inbound-message.validation';

export interface TenantMessage extends ValidInboundMessage {
  readonly tenantId: string;
}

/** A ticket as the batch knows it: stored already, or created by this batch (number filled in later). */
export interface TicketRef {
  readonly id: string;
  readonly tenantId: string;
  number: string;
  readonly isNew: boolean;
}

export type IngestDecision =
  | { readonly kind: 'create'; readonly message: TenantMessage; readonly ticket: TicketRef }
  | { readonly kind: 'append'; readonly message: TenantMessage; readonly ticket: TicketRef }
  | { readonly kind: 'duplicate'; readonly message: TenantMessage; readonly ticket: TicketRef };

export interface IngestLookups {
  /** Tickets already holding a message with this dedup key. */
  readonly storedMessages: ReadonlyMap<string, TicketRef>;
  /** The open ticket of a conversation, by conversation key. */
  readonly openConversations: ReadonlyMap<string, TicketRef>;
  readonly newId: () => string;
}

export const dedupKey = (m: { tenantId: string; channel: string; channelMessageId: string }): string =>
  `${m.tenantId}\u0000${m.channel}\u0000${m.channelMessageId}`;

export const conversationKeyOf = (m: { tenantId: string; conversationKey: string }): string =>
  `${m.tenantId}\u0000${m.conversationKey}`;

/**
 * Decides, in arrival order, what each message of a batch becomes. A message already stored (or seen
 * earlier in the batch) is a duplicate; a message whose conversation has an open ticket (stored, or
 * opened earlier in the batch) appends to it; anything else opens a ticket.
 */
export function planIngest(messages: readonly TenantMessage[], lookups: IngestLookups): IngestDecision[] {
  const seen = new Map(lookups.storedMessages);
  const conversations = new Map(lookups.openConversations);
  return messages.map((message): IngestDecision => {
    const key = dedupKey(message);
    const stored = seen.get(key);
    if (stored) return { kind: 'duplicate', message, ticket: stored };
    const conversation = conversationKeyOf(message);
    const open = conversations.get(conversation);
    if (open) {
      seen.set(key, open);
      return { kind: 'append', message, ticket: open };
    }
    const ticket: TicketRef = { id: lookups.newId(), tenantId: message.tenantId, number: '', isNew: true };
    seen.set(key, ticket);
    conversations.set(conversation, ticket);
    return { kind: 'create', message, ticket };
  });
}
