import { toE164, toSenderAddress } from './e164';

describe('toE164', () => {
  it('keeps numbers Twilio sends in E.164', () => {
    expect(toE164('+14155552671')).toBe('+14155552671');
    expect(toE164('+8613800138000')).toBe('+8613800138000');
  });

  it('normalizes typed numbers with the tenant country', () => {
    expect(toE164('138 0013 8000', 'CN')).toBe('+8613800138000');
    expect(toE164('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(toE164('+1 415 555 2671')).toBe('+14155552671');
  });

  it('refuses what is not a valid number', () => {
    expect(toE164('12345')).toBeUndefined();
    expect(toE164('+1 000 000 0000')).toBeUndefined();
    expect(toE164('not a number')).toBeUndefined();
    expect(toE164('')).toBeUndefined();
  });
});

describe('toSenderAddress', () => {
  it('keeps a short code as digits and normalizes long codes', () => {
    expect(toSenderAddress('40404')).toBe('40404');
    expect(toSenderAddress('+14155552671')).toBe('+14155552671');
    expect(toSenderAddress('abc')).toBeUndefined();
  });
});
