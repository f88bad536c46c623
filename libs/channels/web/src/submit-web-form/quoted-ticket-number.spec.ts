import { quotedTicketNumber } from './quoted-ticket-number';

describe('quotedTicketNumber', () => {
  it('finds the [#…] token in the subject, then in the message', () => {
    expect(quotedTicketNumber('Re: [#SB-000042] screen', 'still broken')).toBe('SB-000042');
    expect(quotedTicketNumber('Still broken', 'About [#sb-000042], the screen')).toBe('SB-000042');
  });

  it('takes a bare number from the subject as we print it', () => {
    expect(quotedTicketNumber('Re: SB-000042 still cracked', '')).toBe('SB-000042');
    expect(quotedTicketNumber('SB-000042', '')).toBe('SB-000042');
    expect(quotedTicketNumber('工单 SB-1000000 的问题', '')).toBe('SB-1000000');
  });

  it('ignores look-alikes: short numbers, lower-case or embedded codes, bare numbers in the message', () => {
    expect(quotedTicketNumber('COVID-19 delays', '')).toBeUndefined();
    expect(quotedTicketNumber('order sb-000042', '')).toBeUndefined();
    expect(quotedTicketNumber('part XSB-000042-B', '')).toBeUndefined();
    expect(quotedTicketNumber('Question', 'my old ticket was SB-000042')).toBeUndefined();
  });
});
