import type { ChannelSelfServiceClient } from '@switchboard/channel-sdk';
import type { SelfServiceCustomerRef, SelfServiceTicketLine, WechatSelfService } from './wechat-self-service.port';

/**
 * WECHAT_SELF_SERVICE for the channel-wechat service on its own: the agent API's signed
 * channel-self-service endpoints. When they cannot be reached the answerer's fallback applies.
 */
export class HttpWechatSelfService implements WechatSelfService {
  constructor(private readonly client: ChannelSelfServiceClient) {}

  ticketsOf(customer: SelfServiceCustomerRef, ticketNumber?: string): Promise<readonly SelfServiceTicketLine[]> {
    return this.client.tickets(customer, ticketNumber);
  }

  rate(
    customer: SelfServiceCustomerRef,
    score: 1 | 2 | 3 | 4 | 5,
  ): Promise<{ readonly ticketNumber: string; readonly score: number } | undefined> {
    return this.client.rate(customer, score, 'wechat');
  }
}
