import type { ChannelAdapter, DeliveryOutcome, InboundRequest } from '@switchboard/channel-sdk';
import { Channel, Topics, type InboundMessage, type OutboundMessage } from '@switchboard/contracts';
import type { OpenedOaCallback } from '../official-account/oa-callback';
import type { WechatIntake } from './intake/wechat-intake';
import type { DeliverWechatAnswer } from './outbound/deliver-wechat-answer';

export const WECHAT_CHANNEL_NAME = 'wechat';

/**
 * The WeChat channel's SDK contract. Its callbacks have their own routes (WeChat signs the URL's
 * query, sends XML and wants `success` or a passive reply, not JSON: WechatWebhookController) on the
 * SDK's ingress; `verify` / `normalize` open an Official Account callback the same way for callers of
 * the contract. Outbound: every `wechat:` conversation through DeliverWechatAnswer.
 */
export class WechatChannelAdapter implements ChannelAdapter<OpenedOaCallback> {
  readonly name = WECHAT_CHANNEL_NAME;
  readonly channel = Channel.WECHAT;
  readonly outboundTopic = Topics.outboundWechat;
  readonly capabilities = {
    // Inbound media arrive as wechat-media refs; outbound replies are text (media upload: see README).
    attachments: false,
    // WeChat's customer-service text limit is 2048 bytes for kf; Official Accounts take about as many characters.
    maxTextLength: 2_000,
    replyWindowHours: 48,
    deliveryReceipts: true,
    passiveReplies: true,
    signedInbound: true,
  };

  constructor(
    private readonly intake: WechatIntake,
    private readonly deliverAnswer: DeliverWechatAnswer,
  ) {}

  /** `params`: the route's accountId and the callback's query (signature, timestamp, nonce, msg_signature…). */
  async verify(request: InboundRequest): Promise<OpenedOaCallback> {
    return this.intake.openOa(request.params['accountId'] ?? '', request.params, request.rawBody, request.receivedAt);
  }

  normalize(_request: InboundRequest, opened: OpenedOaCallback): InboundMessage[] {
    return opened.disposition.kind === 'contact' || opened.disposition.kind === 'menu_click' ? [opened.inbound] : [];
  }

  deliver(message: OutboundMessage): Promise<DeliveryOutcome> {
    return this.deliverAnswer.execute(message);
  }
}
