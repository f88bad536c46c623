import type { Logger } from '@switchboard/logger';
import type { NormalizedWechatInput } from '../../normalized-wechat-input';
import {
  parseSelfServiceMenuKey,
  parseSelfServiceText,
  type SelfServiceIntent,
} from '../../self-service/self-service-command';
import {
  ratingThanksText,
  ticketListText,
  type SelfServiceCustomerRef,
  type WechatSelfService,
} from '../self-service/wechat-self-service.port';

/**
 * Answers the self-service commands a customer types or clicks (查询, 进度, a ticket number, 1–5 after
 * resolution) through the self-service domain. Undefined: not a command (or no domain bound, or no
 * ticket waits for the score), so the message goes to the ticket like any other.
 */
export class WechatSelfServiceAnswerer {
  constructor(
    private readonly selfService: WechatSelfService | undefined,
    private readonly log: Logger,
  ) {}

  async answer(input: NormalizedWechatInput, lookupMenuKeys?: readonly string[]): Promise<string | undefined> {
    if (!this.selfService) return undefined;
    const customer = customerOf(input);
    if (!customer) return undefined;
    const intent = intentOf(input, lookupMenuKeys);
    try {
      return await this.run(this.selfService, customer, intent);
    } catch (error) {
      // The domain being down must not lose the message: it is published for an agent instead.
      this.log.warn({ err: error, tenant: customer.tenant }, 'self-service command failed; publishing it instead');
      return undefined;
    }
  }

  private async run(
    selfService: WechatSelfService,
    customer: SelfServiceCustomerRef,
    intent: SelfServiceIntent,
  ): Promise<string | undefined> {
    switch (intent.kind) {
      case 'list_tickets':
        return ticketListText(await selfService.ticketsOf(customer));
      case 'ticket_status':
        return ticketListText(await selfService.ticketsOf(customer, intent.ticketNumber), intent.ticketNumber);
      case 'csat': {
        const receipt = await selfService.rate(customer, intent.score);
        return receipt ? ratingThanksText(receipt.ticketNumber, receipt.score) : undefined;
      }
      case 'none':
        return undefined;
      default:
        return intent satisfies never;
    }
  }
}

function intentOf(input: NormalizedWechatInput, lookupMenuKeys?: readonly string[]): SelfServiceIntent {
  const context = { csatPending: true, ...(lookupMenuKeys ? { lookupMenuKeys } : {}) };
  if (input.disposition.kind === 'menu_click') return parseSelfServiceMenuKey(input.disposition.menuKey, context);
  // Only a typed text is a command; a voice's recognition or a link's title is not.
  if (input.disposition.kind !== 'contact' || input.inbound.metadata['wechat_msg_type'] !== 'text')
    return { kind: 'none' };
  // "5" is a score only when a resolved ticket waits for one: `rate` answers undefined otherwise.
  return parseSelfServiceText(input.inbound.bodyText, context);
}

function customerOf(input: NormalizedWechatInput): SelfServiceCustomerRef | undefined {
  const openId = input.inbound.customer?.wechatOpenid ?? '';
  if (openId === '') return undefined;
  return { tenant: input.inbound.tenant, kind: 'wechat_openid', value: openId };
}
