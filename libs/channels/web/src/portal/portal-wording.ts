export type PortalLanguage = 'en' | 'zh-CN';

/** The browser's first choice between the two languages we speak (q-values respected). */
export function languageFromHeader(header: string | undefined): PortalLanguage {
  const ranked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((t) => t.tag !== '' && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

const EN = {
  lookupTitle: 'Check your ticket',
  lookupLead: 'Enter your ticket number. We mail a one-time code to the address we have on file.',
  number: 'Ticket number',
  sendCode: 'Send me a code',
  codeTitle: 'Enter your code',
  codeLead: 'If the number is right, a six-digit code is on its way to your mailbox. It works once, for 10 minutes.',
  code: 'Code',
  open: 'Open my ticket',
  lookupFailed: 'That ticket number and code do not match. Ask for a new code and try again.',
  tooMany: 'Too many attempts. Please wait a few minutes and try again.',
  expired: 'This link or session has expired. Open your ticket again.',
  unavailable: 'The service is busy right now. Please try again shortly.',
  notFound: 'We could not find that ticket.',
  status: 'Status',
  next: 'What happens next',
  visit: 'Technician visit',
  technician: 'Technician',
  address: 'Address',
  conversation: 'Conversation',
  you: 'You',
  us: 'Support',
  reply: 'Add a message',
  send: 'Send',
  sent: 'Thank you: your message was sent and will appear here shortly.',
  rateTitle: 'How did we do?',
  rateLead: 'Rate our help from 1 (poor) to 5 (excellent).',
  comment: 'Comment (optional)',
  rate: 'Send rating',
  rated: 'Thank you for your rating',
  yourTickets: 'Your tickets',
  attachments: 'Attachments',
  attach: 'Attach files (up to 5, 10 MB in all)',
  tooLarge: 'The files are too large or too many: up to 5 files, 10 MB in all.',
  emptyMessage: 'Write a message or attach a file.',
  readOnly: 'This ticket is closed for new messages.',
} as const;

export type PortalText = { readonly [K in keyof typeof EN]: string };

const ZH: PortalText = {
  lookupTitle: '查询工单进度',
  lookupLead: '请输入工单号，我们会向您登记的邮箱发送一次性验证码。',
  number: '工单号',
  sendCode: '发送验证码',
  codeTitle: '输入验证码',
  codeLead: '如果工单号正确，六位验证码已发送到您的邮箱，10 分钟内有效，仅可使用一次。',
  code: '验证码',
  open: '查看工单',
  lookupFailed: '工单号与验证码不匹配，请重新获取验证码后再试。',
  tooMany: '尝试次数过多，请稍等几分钟再试。',
  expired: '链接或会话已过期，请重新打开工单。',
  unavailable: '服务繁忙，请稍后再试。',
  notFound: '未找到该工单。',
  status: '状态',
  next: '下一步',
  visit: '上门服务',
  technician: '技术员',
  address: '地址',
  conversation: '沟通记录',
  you: '您',
  us: '客服',
  reply: '补充留言',
  send: '发送',
  sent: '谢谢！您的留言已发送，稍后会显示在这里。',
  rateTitle: '您对本次服务满意吗？',
  rateLead: '请为我们的服务打分：1 分（差）到 5 分（非常好）。',
  comment: '意见（可选）',
  rate: '提交评分',
  rated: '感谢您的评价',
  yourTickets: '您的工单',
  attachments: '附件',
  attach: '添加附件（最多 5 个，共 10 MB）',
  tooLarge: '附件过大或过多：最多 5 个文件，共 10 MB。',
  emptyMessage: '请填写留言或添加附件。',
  readOnly: '该工单已不再接受新留言。',
};

export const portalText = (lang: PortalLanguage): PortalText => (lang === 'zh-CN' ? ZH : EN);
