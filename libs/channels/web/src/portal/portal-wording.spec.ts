import { languageFromHeader } from './portal-wording';

describe('the portal language', () => {
  it('follows the browser: zh-CN for Chinese first, English otherwise', () => {
    expect(languageFromHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(languageFromHeader('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(languageFromHeader('fr-FR,zh-TW;q=0.5')).toBe('zh-CN');
    expect(languageFromHeader('en;q=0.2,zh;q=0.7')).toBe('zh-CN');
    expect(languageFromHeader(undefined)).toBe('en');
    expect(languageFromHeader('de')).toBe('en');
  });
});
