import { parseSelfServiceMenuKey, parseSelfServiceText, quotedTicketNumberOf } from './self-service-command';

const idle = { csatPending: false };
const asked = { csatPending: true };

describe('parseSelfServiceText', () => {
  it.each(['查询', '进度', ' 查询。', '查詢', '進度', '查询进度！', '我的工单'])(
    '%s lists the customer’s tickets',
    (text) => {
      expect(parseSelfServiceText(text, idle)).toEqual({ kind: 'list_tickets' });
    },
  );

  it.each([
    ['SB-000123', 'SB-000123'],
    ['sb-000123', 'SB-000123'],
    ['#SB-42', 'SB-42'],
    ['查询 SB-000123', 'SB-000123'],
    ['进度：SB-000123', 'SB-000123'],
    ['ＳＢ－０００１２３', 'SB-000123'],
  ])('%s asks for one ticket', (text, ticketNumber) => {
    expect(parseSelfServiceText(text, idle)).toEqual({ kind: 'ticket_status', ticketNumber });
  });

  it('reads 1–5 as a CSAT score only while a satisfaction prompt is pending', () => {
    expect(parseSelfServiceText('5', asked)).toEqual({ kind: 'csat', score: 5 });
    expect(parseSelfServiceText('１', asked)).toEqual({ kind: 'csat', score: 1 });
    expect(parseSelfServiceText('4分', asked)).toEqual({ kind: 'csat', score: 4 });
    expect(parseSelfServiceText('3!', asked)).toEqual({ kind: 'csat', score: 3 });
    expect(parseSelfServiceText('5', idle)).toEqual({ kind: 'none' });
    expect(parseSelfServiceText('6', asked)).toEqual({ kind: 'none' });
    expect(parseSelfServiceText('0', asked)).toEqual({ kind: 'none' });
  });

  it.each(['洗衣机又坏了，请帮我查询一下', '查询一下我的快递', '', '   ', '12345', 'hello 😀'])(
    '%s is an ordinary message',
    (text) => {
      expect(parseSelfServiceText(text, asked)).toEqual({ kind: 'none' });
    },
  );
});

describe('parseSelfServiceMenuKey', () => {
  it('maps the configured lookup keys', () => {
    expect(parseSelfServiceMenuKey('SELF_SERVICE_LOOKUP', idle)).toEqual({ kind: 'list_tickets' });
    expect(parseSelfServiceMenuKey('MY_TICKETS', { ...idle, lookupMenuKeys: ['MY_TICKETS'] })).toEqual({
      kind: 'list_tickets',
    });
    expect(parseSelfServiceMenuKey('ABOUT_US', idle)).toEqual({ kind: 'none' });
  });
});

describe('quotedTicketNumberOf', () => {
  it('finds a token or a printed number, not a model name', () => {
    expect(quotedTicketNumberOf('关于 SB-000123 的问题')).toBe('SB-000123');
    expect(quotedTicketNumberOf('回复 [#sb-12]')).toBe('SB-12');
    expect(quotedTicketNumberOf('型号 XQG-100 漏水')).toBeUndefined();
  });
});
