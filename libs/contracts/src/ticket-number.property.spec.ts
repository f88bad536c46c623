import fc from 'fast-check';
import { TICKET_NUMBER, ticketNumberTokenOf } from './ticket-number';

const prefix = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/);
const digits = fc.stringMatching(/^\d{1,12}$/);
const number = fc.tuple(prefix, digits).map(([p, d]) => `${p}-${d}`);

describe('ticket numbers, for any prefix and digits', () => {
  it('are valid numbers and are found, upper-cased, in the [#…] token of any surrounding text', () => {
    fc.assert(
      fc.property(number, fc.string(), fc.string(), (n, before, after) => {
        expect(TICKET_NUMBER.test(n)).toBe(true);
        const found = ticketNumberTokenOf(`${before.replace(/\[#/g, '')} [#${n}] ${after}`);
        expect(found).toBe(n.toUpperCase());
      }),
    );
  });

  it('are never found in text without a token', () => {
    fc.assert(
      fc.property(fc.string(), (text) => expect(ticketNumberTokenOf(text.replace(/\[#/g, '[ #'))).toBeUndefined()),
    );
  });
});
