import type { CustomerMail } from './customer-mail';

export type CustomerLanguage = 'en' | 'zh-CN';

export const languageOf = (ticketLanguage: string): CustomerLanguage =>
  ticketLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

export interface VisitWording {
  readonly action: 'scheduled' | 'moved' | 'cancelled' | 'reminder';
  readonly window: string;
  readonly technician: string;
  readonly address: string;
}

const token = (number: string): string => `[#${number}]`;

/** The one-time code mail. */
export function codeMail(language: CustomerLanguage, number: string, code: string): CustomerMail {
  return language === 'zh-CN'
    ? {
        subject: `${token(number)} 您的查询验证码`,
        text: `您的验证码是 ${code}，10 分钟内有效，仅可使用一次。如果不是您本人操作，请忽略本邮件。`,
      }
    : {
        subject: `${token(number)} Your lookup code`,
        text: `Your code is ${code}. It is valid for 10 minutes and works once. If you did not ask for it, ignore this mail.`,
      };
}

/** The satisfaction question after a resolution, with the signed rating link. */
export function csatMail(language: CustomerLanguage, number: string, link: string): CustomerMail {
  return language === 'zh-CN'
    ? {
        subject: `${token(number)} 您对本次服务满意吗？`,
        text: `您的工单 ${number} 已解决。请为本次服务打分（1–5 分）：\n${link}\n\n如问题仍未解决，直接回复本邮件即可。`,
      }
    : {
        subject: `${token(number)} How did we do?`,
        text: `Your ticket ${number} is resolved. Please rate our help from 1 to 5:\n${link}\n\nIf it is not solved, just reply to this mail.`,
      };
}

const VISIT_EN: Record<VisitWording['action'], string> = {
  scheduled: 'A technician visit is scheduled',
  moved: 'Your technician visit has moved',
  cancelled: 'Your technician visit is cancelled',
  reminder: 'Reminder: your technician visit is coming up',
};
const VISIT_ZH: Record<VisitWording['action'], string> = {
  scheduled: '已为您预约上门服务',
  moved: '您的上门服务时间已变更',
  cancelled: '您的上门服务已取消',
  reminder: '提醒：上门服务即将开始',
};

/** A visit's change or its reminder. */
export function visitMail(language: CustomerLanguage, number: string, visit: VisitWording, link: string): CustomerMail {
  if (language === 'zh-CN') {
    return {
      subject: `${token(number)} ${VISIT_ZH[visit.action]}`,
      text: `${VISIT_ZH[visit.action]}：${visit.window}\n技术员：${visit.technician}\n地址：${visit.address}\n\n查看工单进度：${link}`,
    };
  }
  return {
    subject: `${token(number)} ${VISIT_EN[visit.action]}`,
    text: `${VISIT_EN[visit.action]}: ${visit.window}\nTechnician: ${visit.technician}\nAddress: ${visit.address}\n\nSee your ticket: ${link}`,
  };
}
