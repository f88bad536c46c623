/** The texts the SMS/voice channel answers self-service with (status by SMS or IVR key, CSAT by SMS). */
export type ReplyLanguage = 'en' | 'zh-CN';

/** Ticket statuses as the ticket service names them (the tickets lib's TICKET_STATUSES). */
const STATUS_WORDS: Readonly<Record<ReplyLanguage, Readonly<Record<string, string>>>> = {
  en: {
    new: 'received',
    assigned: 'assigned to an agent',
    in_progress: 'in progress',
    pending_customer: 'waiting for your reply',
    on_hold: 'on hold',
    review: 'being reviewed',
    resolved: 'resolved',
    closed: 'closed',
  },
  'zh-CN': {
    new: '已受理',
    assigned: '已分配客服',
    in_progress: '处理中',
    pending_customer: '等待您的回复',
    on_hold: '暂停处理',
    review: '审核中',
    resolved: '已解决',
    closed: '已关闭',
  },
};

export const replyLanguageOf = (language: string | undefined): ReplyLanguage =>
  language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

/** "Ticket SB-000123 is in progress." — short enough for one SMS in either encoding. */
export function ticketStatusText(
  ticket: { readonly number: string; readonly status: string },
  language: ReplyLanguage,
): string {
  const words = STATUS_WORDS[language][ticket.status] ?? ticket.status.replace(/_/g, ' ');
  return language === 'zh-CN' ? `工单 ${ticket.number} 状态：${words}。` : `Ticket ${ticket.number} is ${words}.`;
}

/** The same answer for an unknown number or another customer's ticket: nothing leaks which it was. */
export const unknownTicketText = (number: string, language: ReplyLanguage): string =>
  language === 'zh-CN' ? `未找到您的工单 ${number}。` : `We found no ticket ${number} of yours.`;

export const noOpenTicketText = (language: ReplyLanguage): string =>
  language === 'zh-CN' ? '您目前没有处理中的工单。' : 'You have no open ticket.';

export const csatPromptText = (number: string, language: ReplyLanguage): string =>
  language === 'zh-CN'
    ? `工单 ${number} 已解决。请回复 1–5 为本次服务评分（5 为非常满意）。`
    : `Ticket ${number} is resolved. How did we do? Reply 1 (poor) to 5 (excellent).`;

export const csatThanksText = (language: ReplyLanguage): string =>
  language === 'zh-CN' ? '感谢您的评价！' : 'Thank you for your rating!';
