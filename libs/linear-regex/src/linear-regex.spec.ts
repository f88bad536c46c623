import { ajvLinearRegExp, compileLinearRegex, linearRegexProblem, LinearRegexSyntaxError } from './linear-regex';

describe('linear-time regular expressions', () => {
  it('matches nested quantifiers against long input without backtracking', () => {
    const nested = compileLinearRegex('^(a+)+$');
    expect(nested.test(`${'a'.repeat(50_000)}!`)).toBe(false);
    expect(nested.test('a'.repeat(50_000))).toBe(true);
  });

  it('finds the first match, case-insensitive on request, in Chinese and with emoji', () => {
    const order = compileLinearRegex('订单\\s*(\\d+)', { ignoreCase: true });
    expect(order.firstMatch('你好 😀 订单 42 谢谢')).toBe('订单 42');
    expect(compileLinearRegex('refund', { ignoreCase: true }).firstMatch('REFUND now')).toBe('REFUND');
    expect(compileLinearRegex('refund').test('REFUND')).toBe(false);
  });

  it('refuses lookaround, backreferences and broken syntax with a reason', () => {
    expect(linearRegexProblem('(?=a)b')).toMatch(/lookaround and backreferences/);
    expect(linearRegexProblem('(a)\\1')).toMatch(/invalid escape/);
    expect(linearRegexProblem('(unclosed')).toMatch(/missing closing \)/);
    expect(linearRegexProblem('^inv-\\d{4}$')).toBeUndefined();
    expect(() => compileLinearRegex('(?<=a)b')).toThrow(LinearRegexSyntaxError);
  });

  it('gives Ajv one distinct cache key per pattern', () => {
    expect(String(ajvLinearRegExp('^a$', 'u'))).not.toBe(String(ajvLinearRegExp('^b$', 'u')));
    expect(ajvLinearRegExp('^a$', 'u').test('a')).toBe(true);
  });
});
