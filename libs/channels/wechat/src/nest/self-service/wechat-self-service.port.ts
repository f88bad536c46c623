/**
 * The customer self-service domain as the WeChat channel reaches it (an interface: the channel never
 * opens the ticket database). The standalone app binds it to @switchboard/self-service's
 * ChannelSelfServiceUseCase; without a binding the commands are published as ordinary messages.
 */
export const WECHAT_SELF_SERVICE = Symbol('WECHAT_SELF_SERVICE');

/** The customer by the identity WeChat proved (OpenID, or the WeCom external_userid in that field). */
export interface SelfServiceCustomerRef {
  readonly tenant: string;
  readonly kind: 'wechat_openid' | 'wechat_unionid';
  readonly value: string;
}

export interface SelfServiceTicketLine {
  readonly number: string;
  readonly subject: string;
  readonly status: string;
  readonly statusText: { readonly en: string; readonly zh: string };
  /** A scheduled technician visit, in the tenant's time zone. */
  readonly visitText: string | null;
}

export interface WechatSelfService {
  /** The customer's tickets (newest first), or only the named one when it is theirs. */
  ticketsOf(customer: SelfServiceCustomerRef, ticketNumber?: string): Promise<readonly SelfServiceTicketLine[]>;
  /**
   * Records the score for the customer's resolved ticket that waits for a rating; undefined when none
   * waits (the text is then an ordinary message).
   */
  rate(
    customer: SelfServiceCustomerRef,
    score: 1 | 2 | 3 | 4 | 5,
  ): Promise<{ readonly ticketNumber: string; readonly score: number } | undefined>;
}

/** What the customer reads back in WeChat (Chinese first: the channel's customers). */
export function ticketListText(lines: readonly SelfServiceTicketLine[], asked?: string): string {
  if (lines.length === 0) return asked ? `未找到工单 ${asked}。` : '您目前没有工单。如需帮助，请直接发送消息给我们。';
  const shown = lines.slice(0, 5).map((t) => {
    const visit = t.visitText ? `\n  上门时间：${t.visitText}` : '';
    return `${t.number}「${Array.from(t.subject).slice(0, 30).join('')}」：${t.statusText.zh}${visit}`;
  });
  const more = lines.length > shown.length ? `\n……另有 ${lines.length - shown.length} 张工单` : '';
  return `您的工单：\n${shown.join('\n')}${more}`;
}

export const ratingThanksText = (ticketNumber: string, score: number): string =>
  `感谢您的评价！工单 ${ticketNumber} 已记录 ${score} 分。`;
