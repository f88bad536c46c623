import type { PortalTicket } from './portal-api.client';
import { portalText } from './portal-wording';
import { renderTicketPage } from './render-portal-pages';

const ticket: PortalTicket = {
  number: 'SB-000001',
  subject: 'Broken <b>kettle</b>',
  status: 'resolved',
  statusText: { en: 'Resolved', zh: '已解决' },
  nextStep: { en: 'Rate us', zh: '请评分' },
  canReply: true,
  messages: [
    {
      id: 'm1',
      from: 'customer',
      bodyText: '<img src=x onerror=alert(1)>',
      at: '2026-12-01T10:00:00Z',
      attachments: [],
    },
    {
      id: 'm2',
      from: 'agent',
      bodyText: 'Fixed',
      at: '2026-12-01T11:00:00Z',
      attachments: [{ name: 'manual".pdf', contentType: 'application/pdf', sizeBytes: 2048 }],
    },
  ],
  visit: null,
  csat: { open: true, round: 1, score: null },
};

describe('the portal ticket page', () => {
  it('escapes every value, offers the rating when open, lists the other tickets, in the browser language', () => {
    const others = [
      { number: 'SB-000001', subject: 'this one', statusText: { en: 'Resolved', zh: '已解决' } },
      { number: 'SB-000002', subject: 'Other <i>', statusText: { en: 'Received', zh: '已受理' } },
    ];
    const html = renderTicketPage({ tenant: 'demo', lang: 'zh-CN', t: portalText('zh-CN') }, ticket, undefined, others);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Broken &lt;b&gt;kettle&lt;/b&gt;');
    expect(html).toContain(
      '<a class="attachment" href="/t/demo/portal/tickets/SB-000001/messages/m2/attachments/0" download>manual&quot;.pdf</a> (2 KB)',
    );
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('<input id="files" name="files" type="file" multiple>');
    expect(html).toContain('action="/t/demo/portal/tickets/SB-000001/rating"');
    expect(html).toContain('href="/t/demo/portal/tickets/SB-000002">SB-000002</a>: Other &lt;i&gt; · 已受理');
    expect(html.match(/tickets\/SB-000001"/g)).toBeNull();
    expect(html).toContain('已解决');
  });
});
