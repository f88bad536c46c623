import { createHash } from 'node:crypto';
import { CONTENT_SECURITY_POLICY, escapeHtml, markup } from './html.util';
import { renderFormPage } from './render-form-page';
import { renderErrorPage, renderResultPage } from './render-result-page';

const XSS = `"><script>alert('x')</script>&`;

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters and leaves other text alone', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml('工单 SB-000123')).toBe('工单 SB-000123');
  });

  it('escapes interpolations in markup`` but not nested SafeHtml', () => {
    expect(markup`<p>${'<b>'}${markup`<i>${'&'}</i>`}${['<', markup`<br>`]}</p>`.value).toBe(
      '<p>&lt;b&gt;<i>&amp;</i>&lt;<br></p>',
    );
  });
});

describe('renderFormPage', () => {
  it('is a self-contained form posting to the tenant submissions API with a hidden clientMessageId', () => {
    const page = renderFormPage({ tenant: 'acme', clientMessageId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' });
    expect(page).toContain('<form method="post" action="/api/v1/tenants/acme/submissions"');
    expect(page).toContain('<input type="hidden" name="clientMessageId" value="0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b">');
    for (const field of ['name', 'email', 'phone', 'category', 'subject', 'message']) {
      expect(page).toContain(`name="${field}"`);
      expect(page).toContain(`<label for="f-${field}">`);
    }
    for (const category of ['general', 'billing', 'technical', 'other']) expect(page).toContain(`value="${category}"`);
    expect(page).not.toMatch(/<script|<link|src=|https?:\/\//);
  });

  it('lets exactly its inline stylesheet through the Content-Security-Policy hash', () => {
    const page = renderFormPage({ tenant: 'acme', clientMessageId: 'id-12345678' });
    const css = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    expect(css).toContain('box-sizing');
    expect(CONTENT_SECURITY_POLICY).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
  });

  it('escapes everything the user typed and the error messages', () => {
    const page = renderFormPage({
      tenant: 'acme',
      clientMessageId: XSS,
      values: { name: XSS, email: XSS, subject: XSS, message: `</textarea>${XSS}`, category: XSS },
      problems: [{ field: 'name', reason: 'invalid', message: XSS }],
    });
    expect(page).not.toContain('<script>');
    expect(page.split('</textarea>')).toHaveLength(2);
    expect(page).toContain('value="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"');
    expect(page).toContain('&lt;/textarea&gt;');
  });

  it('shows each problem next to its field and in a summary, and keeps the input', () => {
    const page = renderFormPage({
      tenant: 'acme',
      clientMessageId: 'id-12345678',
      values: { name: 'Li', email: 'nope', category: 'billing' },
      problems: [{ field: 'email', reason: 'invalid_email', message: 'Enter a valid email address.' }],
    });
    expect(page).toContain('role="alert"');
    expect(page).toContain('<a href="#f-email">Enter a valid email address.</a>');
    expect(page).toMatch(/id="f-email"[^>]*aria-invalid="true"[^>]*aria-describedby="f-email-error"[^>]*value="nope"/);
    expect(page).toContain('<p class="error" id="f-email-error">Enter a valid email address.</p>');
    expect(page).toContain('value="Li"');
    expect(page).toContain('<option value="billing" selected>');
  });
});

describe('result pages', () => {
  it('shows the ticket number, escaped', () => {
    const page = renderResultPage(
      { kind: 'ticketed', status: 'created', messageId: 'm', ticketId: 't', ticketNumber: '<SB-000123>' },
      'acme',
    );
    expect(page).toContain('your ticket number is &lt;SB-000123&gt;');
    expect(page).not.toContain('<SB-000123>');
  });

  it('gives the reference when no receipt came in time', () => {
    expect(renderResultPage({ kind: 'accepted', tenant: 'acme', messageId: 'ref-1' }, 'acme')).toContain('ref-1');
  });

  it('escapes error messages', () => {
    expect(renderErrorPage(XSS)).not.toContain('<script>');
  });
});
