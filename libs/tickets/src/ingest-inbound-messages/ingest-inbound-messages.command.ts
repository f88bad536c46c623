import type { ChannelName } from '@switchboard/contracts';
import type { ValidInboundMessage } from './inbound-message.validation';

/** A message refused before it reached the database; the sender still gets a receipt saying why. */
export interface RefusedInboundMessage {
  readonly messageId: string;
  readonly tenantSlug: string;
  readonly channelMessageId: string;
  readonly reason: 'invalid_message';
  readonly detail: string;
  /** The channel the message named, so its receipt reaches that channel's consumer. */
  readonly channel?: ChannelName;
}

export interface IngestInboundMessagesCommand {
  /** In partition order: the order of a conversation's messages is the order they are stored in. */
  readonly messages: readonly ValidInboundMessage[];
  readonly refused: readonly RefusedInboundMessage[];
}

export type IngestOutcome =
  | {
      readonly messageId: string;
      readonly kind: 'created' | 'appended' | 'duplicate';
      readonly ticketId: string;
      readonly ticketNumber: string;
    }
  | {
      readonly messageId: string;
      readonly kind: 'rejected';
      readonly reason: string;
      readonly detail: string;
      /** Per-field problems of a message whose ticket-type fields were invalid. */
      readonly fieldErrors?: readonly { readonly field: string; readonly message: string }[];
    };
