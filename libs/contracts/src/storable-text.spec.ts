import { hasUnstorableText, storableText } from './storable-text';

describe('storable text', () => {
  it('drops NUL and replaces lone surrogates, keeping emoji and Chinese', () => {
    expect(storableText('a\u0000b')).toBe('ab');
    expect(storableText('x\uD83Dy\uDE00z')).toBe('x\uFFFDy\uFFFDz');
    expect(storableText('退款 😀 ok')).toBe('退款 😀 ok');
  });

  it('tells unstorable text apart', () => {
    expect(hasUnstorableText('a\u0000')).toBe(true);
    expect(hasUnstorableText('\uDE00')).toBe(true);
    expect(hasUnstorableText('😀\ttab\r\n')).toBe(false);
  });
});
