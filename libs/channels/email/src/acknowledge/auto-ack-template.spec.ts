import { lookupLinkerFor, readLookupLink } from '@switchboard/auth';
import { renderAutoAck } from './auto-ack-template';

describe('the acknowledgement', () => {
  it('carries a signed portal link for its ticket when one is given, in both languages', () => {
    const linker = lookupLinkerFor('ack-secret-0123456789abcdef0123456789', 'https://help.example.com');
    const link = linker('demo', 'SB-000007') ?? '';
    const en = renderAutoAck('en', 'SB-000007', 'Printer', 'Support', link);
    const zh = renderAutoAck('zh-CN', 'SB-000007', 'Printer', 'Support', link);
    expect(en.text).toContain(`Follow your request online: ${link}`);
    expect(zh.text).toContain(`在线查看进度：${link}`);
    const token = new URL(link).searchParams.get('token') ?? '';
    expect(readLookupLink('ack-secret-0123456789abcdef0123456789', token)).toEqual({
      tenantSlug: 'demo',
      number: 'SB-000007',
    });
    expect(renderAutoAck('en', 'SB-000007', 'Printer', 'Support').text).not.toContain('online');
    expect(lookupLinkerFor(undefined, 'https://help.example.com')('demo', 'SB-1')).toBeUndefined();
  });
});
