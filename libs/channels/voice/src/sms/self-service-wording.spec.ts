import { countSmsSegments } from '../outbound/sms-segments';
import {
  csatPromptText,
  noOpenTicketText,
  replyLanguageOf,
  ticketStatusText,
  unknownTicketText,
} from './self-service-wording';

describe('self-service wording', () => {
  it('words a status in both languages', () => {
    expect(ticketStatusText({ number: 'SB-000123', status: 'pending_customer' }, 'en')).toBe(
      'Ticket SB-000123 is waiting for your reply.',
    );
    expect(ticketStatusText({ number: 'SB-000123', status: 'in_progress' }, 'zh-CN')).toBe(
      '工单 SB-000123 状态：处理中。',
    );
    expect(ticketStatusText({ number: 'SB-1', status: 'some_new_state' }, 'en')).toBe('Ticket SB-1 is some new state.');
    expect(replyLanguageOf('zh-CN')).toBe('zh-CN');
    expect(replyLanguageOf(undefined)).toBe('en');
  });

  it('keeps every reply to one SMS', () => {
    const texts = (['en', 'zh-CN'] as const).flatMap((l) => [
      ticketStatusText({ number: 'SB-000000000123', status: 'pending_customer' }, l),
      unknownTicketText('SB-000000000123', l),
      noOpenTicketText(l),
      csatPromptText('SB-000000000123', l),
    ]);
    for (const text of texts) expect(countSmsSegments(text).segments).toBe(1);
  });
});
