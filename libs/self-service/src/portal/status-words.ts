import type { TicketStatus } from '@switchboard/tickets';

export interface Words {
  readonly en: string;
  readonly zh: string;
}

/** What each status means to a customer, and what happens next. */
export const STATUS_WORDS: Readonly<Record<TicketStatus, { status: Words; next: Words }>> = {
  new: {
    status: { en: 'Received', zh: '已受理' },
    next: { en: 'We are finding the right person for your request.', zh: '我们正在为您安排合适的客服人员。' },
  },
  assigned: {
    status: { en: 'Assigned to an agent', zh: '已分配客服' },
    next: { en: 'An agent will look at it shortly.', zh: '客服人员将尽快处理。' },
  },
  in_progress: {
    status: { en: 'Being worked on', zh: '处理中' },
    next: { en: 'We are working on it and will write to you.', zh: '我们正在处理，稍后会答复您。' },
  },
  pending_customer: {
    status: { en: 'Waiting for your answer', zh: '等待您的回复' },
    next: { en: 'Please answer our last message below.', zh: '请在下方回复我们的最新消息。' },
  },
  on_hold: {
    status: { en: 'On hold', zh: '暂缓处理' },
    next: {
      en: 'We are waiting for something outside our team; we will update you.',
      zh: '我们正在等待其他部门的结果，会及时通知您。',
    },
  },
  review: {
    status: { en: 'Solution under review', zh: '方案审核中' },
    next: { en: 'A colleague is checking the solution before we close it.', zh: '同事正在审核解决方案。' },
  },
  resolved: {
    status: { en: 'Resolved', zh: '已解决' },
    next: {
      en: 'Please tell us how we did. Reply if it is not solved.',
      zh: '请为本次服务评分；如未解决，请直接回复。',
    },
  },
  closed: {
    status: { en: 'Closed', zh: '已关闭' },
    next: { en: 'Write to us again if you need anything.', zh: '如有其他问题，欢迎再次联系我们。' },
  },
};
