import { DeliveryReport_Status, encodeOutboundMessage, type OutboundMessage } from '@switchboard/contracts';
import { PermanentDeliveryError, type DeliveryOutcome } from '@switchboard/channel-sdk';
import type { OutboundDestinationPolicy } from '@switchboard/http';
import { newId } from '@switchboard/ids';
import type { ApiChannelRepository } from '../store/api-channel.repository';
import type { ApiDeliveryRepository } from '../store/api-delivery.repository';
import { channelIdOfConversation } from '../inbound/to-inbound-message';
import { deliveryPayloadOf } from './api-delivery-payload';
import { postSigned } from './post-signed';

export class IntegratorRefusedError extends PermanentDeliveryError {}

/** 408 and 429 say "later"; every other 4xx is the integrator refusing this answer for good. */
const isPermanent = (status: number): boolean => status >= 400 && status < 500 && status !== 408 && status !== 429;

export interface DeliverApiAnswerDeps {
  readonly channels: ApiChannelRepository;
  readonly deliveries: ApiDeliveryRepository;
  readonly timeoutMs: number;
  readonly destinations: OutboundDestinationPolicy;
  readonly now?: () => Date;
}

/**
 * POSTs one answer to its channel's integrator URL, signed, and logs the attempt (delivered or failed,
 * with the HTTP status or the network error) in api_deliveries, whatever happens, so the delivery log
 * shows every attempt. Throws on failure: the SDK retries with backoff and dead-letters after the last.
 */
export class DeliverApiAnswer {
  constructor(private readonly deps: DeliverApiAnswerDeps) {}

  async execute(message: OutboundMessage, attempt: number, replay = false): Promise<DeliveryOutcome> {
    const now = this.deps.now?.() ?? new Date();
    const channelId = channelIdOfConversation(message.conversationKey);
    const channel = channelId ? await this.deps.channels.findWithSecrets(channelId, now) : undefined;
    if (!channel || !channel.enabled || channel.secrets.length === 0)
      throw new PermanentDeliveryError(`no enabled API channel for conversation ${message.conversationKey}`);
    const deliveryId = newId();
    const conversationId = message.conversationKey.slice(`api:${channel.id}:`.length);
    const body = JSON.stringify(deliveryPayloadOf(message, deliveryId, conversationId));
    const log = (outcome: 'delivered' | 'failed', httpStatus: number | null, error: string) =>
      this.deps.deliveries.record({
        id: deliveryId,
        tenantId: channel.tenantId,
        channelId: channel.id,
        outboundMessageId: message.messageId,
        ticketId: message.ticketId,
        attempt,
        outcome,
        httpStatus,
        error,
        replay,
        payload: encodeOutboundMessage(message),
      });
    // The integrator's network failure is the provider failing, not our side: no `cause`, so that
    // classifyFailure does not take its ECONNREFUSED for our own outage and retry it forever.
    const posted = await postSigned(
      channel.outboundUrl,
      body,
      channel.secrets,
      deliveryId,
      this.deps.timeoutMs,
      now,
      this.deps.destinations,
    ).then(
      (result) => result,
      (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
    );
    if (typeof posted === 'string') {
      await log('failed', null, posted);
      throw new Error(`integrator unreachable: ${posted}`);
    }
    const { status } = posted;
    if (status >= 200 && status < 300) {
      await log('delivered', status, '');
      return { status: DeliveryReport_Status.SENT, providerMessageId: deliveryId };
    }
    await log('failed', status, `integrator answered ${status}`);
    if (isPermanent(status)) throw new IntegratorRefusedError(`integrator answered ${status}`);
    throw new Error(`integrator answered ${status}`);
  }

  /** The log's last word on an answer the SDK dead-lettered: an admin may replay it from here. */
  async markGivenUp(message: OutboundMessage, error: Error, attempts: number): Promise<void> {
    const channelId = channelIdOfConversation(message.conversationKey);
    const channel = channelId ? await this.deps.channels.findWithSecrets(channelId, new Date()) : undefined;
    if (!channel) return;
    await this.deps.deliveries.record({
      id: newId(),
      tenantId: channel.tenantId,
      channelId: channel.id,
      outboundMessageId: message.messageId,
      ticketId: message.ticketId,
      attempt: attempts,
      outcome: 'given_up',
      httpStatus: null,
      error: error.message,
      replay: false,
      payload: encodeOutboundMessage(message),
    });
  }
}
