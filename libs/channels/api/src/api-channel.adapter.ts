import {
  ChannelSdkException,
  ChannelSdkExceptionCode,
  SignatureHeaders,
  verifySignature,
  type ChannelAdapter,
  type DeliveryAttempt,
  type DeliveryOutcome,
  type InboundRequest,
} from '@switchboard/channel-sdk';
import { Channel, Topics, type InboundMessage, type OutboundMessage } from '@switchboard/contracts';
import { fieldProblemsOf } from '@switchboard/http';
import { newId } from '@switchboard/ids';
import { apiInboundSchema } from './inbound/api-inbound.schema';
import { toInboundMessage } from './inbound/to-inbound-message';
import type { DeliverApiAnswer } from './outbound/deliver-api-answer';
import type { ApiChannelRepository, ApiChannelWithSecrets } from './store/api-channel.repository';

export const API_CHANNEL_NAME = 'api';

const refused = (code: ChannelSdkExceptionCode, message: string) => new ChannelSdkException(code, message);

/**
 * The no-code API channel. Inbound: the channel named by the URL, its valid secrets, the signature over
 * timestamp and raw body within the replay window, then the JSON body. Outbound: a signed POST to the
 * integrator's URL, every attempt in the delivery log.
 */
export class ApiChannelAdapter implements ChannelAdapter<ApiChannelWithSecrets> {
  readonly name = API_CHANNEL_NAME;
  readonly channel = Channel.API;
  readonly outboundTopic = Topics.outboundApi;
  readonly capabilities = {
    attachments: true,
    maxTextLength: 20_000,
    deliveryReceipts: false,
    passiveReplies: false,
    signedInbound: true,
  };

  constructor(
    private readonly channels: ApiChannelRepository,
    private readonly deliverAnswer: DeliverApiAnswer,
  ) {}

  async verify(request: InboundRequest): Promise<ApiChannelWithSecrets> {
    const channel = await this.channels.findWithSecrets(request.params['channelId'] ?? '', request.receivedAt);
    // One answer for "no such channel" and "wrong signature": the URL's id is not a secret, but an
    // attacker should learn nothing from probing ids.
    if (!channel || !channel.enabled)
      throw refused(ChannelSdkExceptionCode.SignatureInvalid, 'The signature does not verify.');
    const check = verifySignature({
      secrets: channel.secrets,
      timestamp: request.headers[SignatureHeaders.timestamp],
      signature: request.headers[SignatureHeaders.signature],
      body: request.rawBody,
      now: request.receivedAt,
    });
    if (check.ok) return channel;
    if (check.reason === 'stale')
      throw refused(ChannelSdkExceptionCode.SignatureStale, 'The timestamp is outside the 5-minute window.');
    throw refused(ChannelSdkExceptionCode.SignatureInvalid, 'The signature does not verify.');
  }

  normalize(request: InboundRequest, channel: ApiChannelWithSecrets): InboundMessage[] {
    const parsed = apiInboundSchema.safeParse(request.body);
    if (!parsed.success)
      throw new ChannelSdkException(
        ChannelSdkExceptionCode.MalformedBody,
        'The body is not an API channel message.',
        fieldProblemsOf(parsed.error, request.body),
      );
    return [toInboundMessage(channel, parsed.data, newId(), request.receivedAt)];
  }

  /** Answers on conversations this channel minted; generated adapters on CHANNEL_API take their own. */
  handles(message: OutboundMessage): boolean {
    return message.conversationKey.startsWith('api:');
  }

  deliver(message: OutboundMessage, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    return this.deliverAnswer.execute(message, attempt.attempt);
  }

  onGivenUp(message: OutboundMessage, error: Error, attempts: number): Promise<void> {
    return this.deliverAnswer.markGivenUp(message, error, attempts);
  }
}
