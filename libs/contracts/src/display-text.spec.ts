import { displayText } from './display-text';

describe('displayText', () => {
  it('drops bidi overrides, isolates, marks and zero-width spaces, naming each', () => {
    expect(displayText('invoice\u202Efdp.exe')).toEqual({ text: 'invoicefdp.exe', hidden: ['U+202E'] });
    expect(displayText('ad\u200Bmin \u2066x\u2069 \uFEFF')).toEqual({
      text: 'admin x ',
      hidden: ['U+200B', 'U+2066', 'U+2069', 'U+FEFF'],
    });
    expect(displayText('Al\u200Dice').hidden).toEqual(['U+200D']);
  });

  it('keeps joiners where scripts and emoji need them, and plain text as it is', () => {
    const family = '👨\u200D👩\u200D👧';
    expect(displayText(family)).toEqual({ text: family, hidden: [] });
    const persian = 'می\u200Cخواهم';
    expect(displayText(persian)).toEqual({ text: persian, hidden: [] });
    expect(displayText('王芳 Wang Fang 😀')).toEqual({ text: '王芳 Wang Fang 😀', hidden: [] });
  });
});
