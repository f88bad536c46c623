export type AckLanguage = 'en' | 'zh-CN';

export interface AckMail {
  readonly subject: string;
  readonly text: string;
}

/** The acknowledgement a customer gets when their mail opened a ticket. */
export function renderAutoAck(
  language: AckLanguage,
  ticketNumber: string,
  subject: string,
  signature: string,
  lookupLink?: string,
): AckMail {
  const token = `[#${ticketNumber}]`;
  const topic = subject.trim() || (language === 'zh-CN' ? '（无主题）' : '(no subject)');
  switch (language) {
    case 'zh-CN':
      return {
        subject: `${token} 我们已收到您的请求：${topic}`,
        text: [
          '您好，',
          '',
          `感谢您联系我们。您的请求已登记为工单 ${ticketNumber}，我们会尽快答复。`,
          `如需补充信息，请直接回复本邮件，并保留主题中的 ${token}。`,
          ...(lookupLink ? ['', `在线查看进度：${lookupLink}`] : []),
          '',
          `— ${signature}`,
        ].join('\n'),
      };
    case 'en':
      return {
        subject: `${token} We received your request: ${topic}`,
        text: [
          'Hello,',
          '',
          `Thank you for contacting us. Your request is registered as ticket ${ticketNumber}; we will answer soon.`,
          `To add anything, just reply to this message and keep ${token} in the subject.`,
          ...(lookupLink ? ['', `Follow your request online: ${lookupLink}`] : []),
          '',
          `— ${signature}`,
        ].join('\n'),
      };
  }
}
