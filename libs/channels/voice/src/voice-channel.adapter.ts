import {
  PermanentDeliveryError,
  type ChannelAdapter,
  type DeliveryOutcome,
  type InboundRequest,
} from '@switchboard/channel-sdk';
import {
  Channel,
  DeliveryReport_Status,
  Topics,
  type InboundMessage,
  type OutboundMessage,
} from '@switchboard/contracts';
import { numberSettingsOf, type VoiceChannelConfig } from './config/voice-channel.config';
import type { SmsSender } from './outbound/sms-sender';
import type { SmsStatusLedger } from './store/sms-status-ledger';
import { VoiceChannelException, VoiceChannelExceptionCode } from './voice-channel.exception';
import type { SmsWebhooks } from './webhooks/sms-webhooks';
import type { TwilioHttpRequest, TwilioWebhookVerifier, VerifiedWebhook } from './webhooks/twilio-webhook-verifier';

export const VOICE_CHANNEL_NAME = 'voice';

/** SMS conversations (`sms:<customer>:<ours>`) and calls (`voice:<caller>:<ours>`): both answered by SMS. */
const CONVERSATION = /^(sms|voice):(\+[1-9]\d{1,14}):(.+)$/;

/** Twilio could not take the message now (429, 5xx, network): the SDK retries with backoff, then dead-letters. */
export class TwilioUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TwilioUnavailableError';
  }
}

/** The request as the SMS route passes it: the SDK's InboundRequest plus the path we were called at. */
export const twilioRequestOf = (request: InboundRequest): TwilioHttpRequest => ({
  pathAndQuery: request.params['pathAndQuery'] ?? '',
  headers: request.headers,
  rawBody: request.rawBody.toString('utf8'),
  receivedAt: request.receivedAt,
});

/**
 * SMS and voice on Twilio as a channel-SDK adapter. The SDK's outbound consumer calls `deliver` for
 * every answer on outbound.sms.v1 (retries, DLQ, SENT/FAILED reports); the inbound routes are the
 * channel's own (Twilio wants TwiML, signs the URL, and refuses with 403), publishing through the
 * SDK's ingress. Nothing is sent to an opted-out number: that answer fails at once with the reason.
 */
export class VoiceChannelAdapter implements ChannelAdapter<VerifiedWebhook> {
  readonly name = VOICE_CHANNEL_NAME;
  readonly channel = Channel.SMS;
  readonly outboundTopic = Topics.outboundSms;
  readonly capabilities = {
    attachments: true,
    // Twilio's limit for one (concatenated) message body.
    maxTextLength: 1_600,
    deliveryReceipts: true,
    passiveReplies: false,
    signedInbound: true,
  };

  constructor(
    private readonly config: VoiceChannelConfig,
    private readonly verifier: TwilioWebhookVerifier,
    private readonly sms: SmsWebhooks,
    private readonly sender: SmsSender,
    private readonly ledger: SmsStatusLedger,
  ) {}

  verify(request: InboundRequest): Promise<VerifiedWebhook> {
    return Promise.resolve(this.verifier.verify(twilioRequestOf(request)));
  }

  async normalize(request: InboundRequest): Promise<InboundMessage[]> {
    return [...(await this.sms.classify(twilioRequestOf(request))).messages];
  }

  handles(message: OutboundMessage): boolean {
    return CONVERSATION.test(message.conversationKey);
  }

  async deliver(message: OutboundMessage): Promise<DeliveryOutcome> {
    const [, , customer, ours] = CONVERSATION.exec(message.conversationKey) ?? [];
    const number = ours ? numberSettingsOf(this.config, ours) : undefined;
    if (!customer || !number || number.tenant !== message.tenant)
      throw new PermanentDeliveryError(
        `no configured number of tenant ${message.tenant} answers ${message.conversationKey}`,
      );
    const from = number.messagingServiceSid
      ? { messagingServiceSid: number.messagingServiceSid }
      : { number: number.number };
    const to = message.recipient?.phone || customer;
    const outcome = await this.send({
      messageId: message.messageId,
      tenant: message.tenant,
      ticketId: message.ticketId,
      to,
      from,
      body: message.bodyText,
    });
    if (outcome.kind === 'undeliverable') throw new PermanentDeliveryError(`${outcome.reason}: ${outcome.detail}`);
    // The SDK reports SENT now; Twilio's own `sent` callback would only repeat it.
    await this.ledger.advance(message.tenant, message.messageId, 2, 'sent');
    return { status: DeliveryReport_Status.SENT, providerMessageId: outcome.providerMessageId };
  }

  private async send(sms: Parameters<SmsSender['send']>[0]): ReturnType<SmsSender['send']> {
    try {
      return await this.sender.send(sms);
    } catch (error) {
      if (!(error instanceof VoiceChannelException)) throw error;
      if (error.code === VoiceChannelExceptionCode.ProviderUnavailable) throw new TwilioUnavailableError(error.message);
      throw new PermanentDeliveryError(`${error.code}: ${error.message}`);
    }
  }
}
