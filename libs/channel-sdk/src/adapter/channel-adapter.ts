import type { Channel, DeliveryReport_Status, InboundMessage, OutboundMessage } from '@switchboard/contracts';

/** What an adapter declares about its channel; the SDK and the agent UI read it. */
export interface ChannelCapabilities {
  /** Attachments the channel carries, in and out. */
  readonly attachments: boolean;
  /** Longest text the provider takes in one message (characters); longer answers are refused before sending. */
  readonly maxTextLength: number;
  /** How long after the customer's last message an answer may still be sent (WeChat: 48 h); none: no limit. */
  readonly replyWindowHours?: number;
  /** The provider reports delivery (a status callback) after it accepted a message. */
  readonly deliveryReceipts: boolean;
  /** Answers can only be given in the response to the inbound request (WeChat's passive reply). */
  readonly passiveReplies: boolean;
  /** Inbound requests are signed by the provider (false: a public form, protected by rate limits). */
  readonly signedInbound: boolean;
}

/** One inbound HTTP request as the adapter sees it: the raw bytes (for signatures) and the parsed body. */
export interface InboundRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Buffer;
  readonly body: unknown;
  /** Our clock, never the sender's (InboundMessage.received_at). */
  readonly receivedAt: Date;
}

/** The outcome of one delivery attempt the provider accepted. */
export interface DeliveryOutcome {
  /** SENT: the provider took it; DELIVERED: it is where the customer reads it (the portal). */
  readonly status: DeliveryReport_Status.SENT | DeliveryReport_Status.DELIVERED;
  readonly providerMessageId: string;
}

/** A provider's later word about a message we sent (a status callback). */
export interface ProviderStatus {
  readonly tenant: string;
  /** Our OutboundMessage.message_id the status is about. */
  readonly messageId: string;
  readonly ticketId: string;
  readonly status: DeliveryReport_Status;
  readonly providerMessageId: string;
  readonly recipient?: string;
  readonly detail?: string;
}

/** The context of one delivery attempt (1-based), for adapters that log each one. */
export interface DeliveryAttempt {
  readonly attempt: number;
  readonly maxAttempts: number;
}

/**
 * The contract of a channel adapter: everything channel-specific, nothing else. Webhook plumbing, the
 * publish-then-acknowledge order, dedupe, the outbound consumer with retries and DLQ, delivery reports,
 * metrics and health come from the SDK (ChannelSdkModule). `Source` is what verification learned about
 * the sender (the API channel's row, a mailbox) and normalization needs.
 */
export interface ChannelAdapter<Source = unknown> {
  /** Lower-case name: routes (`/channels/<name>/...`), consumer groups (`channel-<name>.outbound`), metrics. */
  readonly name: string;
  readonly channel: Channel;
  /** outbound.<channel>.v1 (a Topics constant). */
  readonly outboundTopic: string;
  readonly capabilities: ChannelCapabilities;
  /** Proves the request comes from the provider; throws ChannelSdkException (unauthenticated / not_found). */
  verify(request: InboundRequest): Promise<Source>;
  /** The request's messages; throws ChannelSdkException (invalid) for a body that is not one. */
  normalize(request: InboundRequest, source: Source): InboundMessage[] | Promise<InboundMessage[]>;
  /**
   * Sends one answer to the provider. Throw PermanentDeliveryError for a refusal no retry changes (4xx);
   * anything else is retried with backoff and dead-lettered after the last attempt.
   */
  deliver(message: OutboundMessage, attempt: DeliveryAttempt): Promise<DeliveryOutcome>;
  /**
   * Whether this adapter delivers the answer. Adapters sharing one outbound topic (every adapter on
   * CHANNEL_API: the no-code API channel and generated ones) each take the conversation keys they
   * minted (`api:<id>:…`, `telegram:…`) and leave the rest to the others' consumer groups. Default: all.
   */
  handles?(message: OutboundMessage): boolean;
  /** Called once when a message is given up (dead-lettered), e.g. to mark it in the adapter's delivery log. */
  onGivenUp?(message: OutboundMessage, error: Error, attempts: number): Promise<void>;
  /** A status callback's reports (channels with deliveryReceipts). */
  statuses?(request: InboundRequest, source: Source): ProviderStatus[] | Promise<ProviderStatus[]>;
}

/**
 * An inbound source that is not a webhook: polled or pushed over a connection of its own (IMAP IDLE,
 * a bot's long poll). It hands what it read to the sink, which resolves once the messages are on the
 * bus, and only then moves its cursor (publish-then-acknowledge, as the webhook does).
 */
export interface InboundSource {
  start(sink: InboundSink): Promise<void>;
  stop(): Promise<void>;
}

export interface InboundSink {
  accept(messages: readonly InboundMessage[]): Promise<readonly AcceptedMessage[]>;
}

export interface AcceptedMessage {
  readonly messageId: string;
  readonly channelMessageId: string;
  /** Seen before within the dedupe window: not published again. */
  readonly duplicate: boolean;
}
