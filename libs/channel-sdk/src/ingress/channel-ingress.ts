import { encodeInboundMessage, Headers, Topics, type InboundMessage } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { Transport } from '@switchboard/messaging';
import type { AcceptedMessage, InboundSink } from '../adapter/channel-adapter';
import { ChannelSdkException, ChannelSdkExceptionCode } from '../adapter/channel-sdk.exception';
import type { ChannelMetrics } from '../metrics/channel-metrics';
import { RecentIds } from './recent-ids';

const dedupeKeyOf = (m: InboundMessage): string => `${m.tenant}\u0000${m.channel}\u0000${m.channelMessageId}`;

export interface ChannelIngressOptions {
  /**
   * Drop a message already published within the window (default true). A channel that shows the
   * customer the ticket service's duplicate receipt (the web form: "you already sent this, ticket
   * SB-42") turns it off and relies on the ticket service's unique key alone.
   */
  readonly dedupe?: boolean;
}

/**
 * Publishes normalized messages to inbound.messages.v1 (keyed by conversation, so a conversation stays
 * ordered) and resolves only after the broker acknowledged them: the caller acknowledges the provider
 * after that, never before. A message already published within the dedupe window, or twice in one
 * request, is answered as a duplicate and not published again.
 */
export class ChannelIngress implements InboundSink {
  readonly #recent = new RecentIds();
  readonly #inFlight = new Set<string>();

  constructor(
    private readonly channelName: string,
    private readonly transport: Transport,
    private readonly metrics: ChannelMetrics,
    private readonly log: Logger,
    private readonly options: ChannelIngressOptions = {},
  ) {}

  async accept(messages: readonly InboundMessage[]): Promise<readonly AcceptedMessage[]> {
    const now = Date.now();
    const fresh: InboundMessage[] = [];
    const claimed: string[] = [];
    const answers = messages.map((message): AcceptedMessage => {
      const key = dedupeKeyOf(message);
      const duplicate = this.options.dedupe !== false && (this.#recent.has(key, now) || this.#inFlight.has(key));
      if (!duplicate) {
        this.#inFlight.add(key);
        claimed.push(key);
        fresh.push(message);
      }
      return { messageId: message.messageId, channelMessageId: message.channelMessageId, duplicate };
    });
    try {
      if (fresh.length > 0) await this.transport.publish(Topics.inboundMessages, fresh.map(recordOf));
      for (const key of claimed) this.#recent.add(key, now);
    } catch (error) {
      this.metrics.inbound(this.channelName, 'unavailable', fresh.length);
      this.log.error({ err: error, count: fresh.length }, 'publishing inbound messages failed');
      throw new ChannelSdkException(ChannelSdkExceptionCode.Unavailable, 'The message could not be taken now; retry.');
    } finally {
      for (const key of claimed) this.#inFlight.delete(key);
    }
    this.metrics.inbound(this.channelName, 'published', fresh.length);
    this.metrics.inbound(this.channelName, 'duplicate', messages.length - fresh.length);
    return answers;
  }
}

function recordOf(message: InboundMessage) {
  return {
    key: message.conversationKey,
    value: encodeInboundMessage(message),
    headers: { [Headers.tenantId]: message.tenant },
  };
}
