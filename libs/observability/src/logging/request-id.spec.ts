import { requestIdFrom } from './request-id';

describe('requestIdFrom', () => {
  it("keeps a caller's well-formed id", () => {
    expect(requestIdFrom('01HZX3-lb.7:abc_def')).toBe('01HZX3-lb.7:abc_def');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['with spaces', 'a b'],
    ['with a line break (log injection)', 'abc\n{"level":60}'],
    ['longer than 128 characters', 'x'.repeat(129)],
    ['repeated header', ['a', 'b']],
  ])('replaces one that is %s with a new UUID', (_what, header) => {
    const id = requestIdFrom(header);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).not.toBe(requestIdFrom(header));
  });
});
