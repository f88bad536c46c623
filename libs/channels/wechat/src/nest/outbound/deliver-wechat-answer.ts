import { PermanentDeliveryError, type DeliveryOutcome } from '@switchboard/channel-sdk';
import { DeliveryReport_Status, type OutboundMessage } from '@switchboard/contracts';
import { WechatApiException, WechatApiExceptionCode } from '../../api/wechat-api.exception';
import { parseWechatConversationKey } from '../../conversation-key';
import type { SendWechatReply, WechatReplyOutcome } from '../../outbound/send-wechat-reply';
import type { WechatAccounts } from '../config/wechat-accounts';
import type { WechatyBots } from '../wechaty/wechaty-bots';
import type { WechatDeliveryReports } from './wechat-delivery-reports';

/** The reply could not go out, for a reason no retry changes; the FAILED report carries it to the agent. */
export class WechatUndeliverableError extends PermanentDeliveryError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'WechatUndeliverableError';
  }
}

/**
 * One agent reply on outbound.wechat.v1 → SendWechatReply (customer-service message or kf send_msg in
 * the 48-hour window, the template outside it, else undeliverable with the reason). The platform being
 * unavailable or rate limiting is retried by the SDK's consumer with backoff (a plain Error, so it is
 * not taken for our own outage and retried forever), then dead-lettered; any other refusal at once.
 */
export class DeliverWechatAnswer {
  constructor(
    private readonly accounts: WechatAccounts,
    private readonly send: SendWechatReply,
    private readonly reports: WechatDeliveryReports,
    private readonly bots: WechatyBots,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(message: OutboundMessage): Promise<DeliveryOutcome> {
    const conversation = parseWechatConversationKey(message.conversationKey);
    if (conversation?.api === 'bot') {
      // A personal account: no 48-hour rule, the bot sends as the account's owner would.
      const bot = this.bots.bot(message.tenant, conversation.botId);
      if (!bot) throw new WechatUndeliverableError(`The WeChat bot ${conversation.botId} does not run here.`, 'no_bot');
      await bot.reply(conversation.contactId, message.bodyText);
      return { status: DeliveryReport_Status.SENT, providerMessageId: message.messageId };
    }
    if (!conversation)
      throw new WechatUndeliverableError(
        `No WeChat account answers conversation ${message.conversationKey} here.`,
        'unknown_conversation',
      );
    const credentials = this.accounts.credentialsFor(message.tenant, conversation);
    if (!credentials)
      throw new WechatUndeliverableError(
        `No WeChat account of tenant ${message.tenant} is configured for this conversation.`,
        'no_account',
      );
    const outcome = await this.send
      .execute(
        {
          outboundMessageId: message.messageId,
          conversationKey: message.conversationKey,
          conversation,
          ticketNumber: message.ticketNumber,
          text: message.bodyText,
        },
        credentials,
        this.now(),
      )
      .catch((error: unknown) => {
        throw deliveryErrorOf(error);
      });
    return this.outcomeOf(message, outcome);
  }

  private async outcomeOf(message: OutboundMessage, outcome: WechatReplyOutcome): Promise<DeliveryOutcome> {
    if (outcome.status === 'undeliverable') throw new WechatUndeliverableError(outcome.explanation, outcome.reason);
    const providerMessageId = outcome.providerMessageId ?? message.messageId;
    await this.reports.remember(message.tenant, providerMessageId, {
      messageId: message.messageId,
      ticketId: message.ticketId,
    });
    return { status: DeliveryReport_Status.SENT, providerMessageId };
  }
}

function deliveryErrorOf(error: unknown): Error {
  if (!(error instanceof WechatApiException)) return error instanceof Error ? error : new Error(String(error));
  switch (error.code) {
    case WechatApiExceptionCode.Unavailable:
    case WechatApiExceptionCode.RateLimited:
      return new Error(`WeChat API: ${error.message}`);
    case WechatApiExceptionCode.ReplyWindowClosed:
    case WechatApiExceptionCode.CredentialsRejected:
    case WechatApiExceptionCode.Rejected:
      return new WechatUndeliverableError(`WeChat refused the reply: ${error.message}`, error.code);
    default:
      return error.code satisfies never;
  }
}
