import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmailChannelConfig } from '@switchboard/channel-email';
import { readInbox, testMailboxSettings, uniqueAddress, waitUntil } from '@switchboard/channel-email/testing';
import { loadConfig } from '@switchboard/config';
import { Topics, decodeTicketEvent, type TicketEvent } from '@switchboard/contracts';
import { DEMO_PASSWORD, seedDemoTenant } from '@switchboard/demo';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack';
import { freePort } from './support/service-process';

const ADMIN = 'admin@demo.switchboard.local';

/**
 * The customer's side in a real browser (Debian's Chromium through playwright-core) against one
 * in-process stack: the web form, the mailed code read from GreenMail over IMAP, the portal, an
 * agent's answer, the customer's reply, the rating after resolution; a repair visit and its reminder.
 */
describe('customer portal (browser → web channel → customer API → ticket domain → mail)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let stack: InProcessStack;
  let browser: Browser;
  let base = '';
  let admin = '';
  const events: TicketEvent[] = [];

  const api = async <T>(method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; body: T }> => {
    const res = await stack.app.inject({
      method,
      url: path,
      headers: { authorization: `Bearer ${admin}` },
      ...(body ? { payload: body } : {}),
    });
    return { status: res.statusCode, body: res.json<T>() };
  };
  const mailsTo = async (address: string) => (await readInbox(address)).map((m) => m.parsed);
  const mailWith = (address: string, pattern: RegExp) =>
    waitUntil(`a mail to ${address} matching ${pattern}`, async () =>
      (await mailsTo(address)).find((m) => pattern.test(`${m.subject}\n${m.text}`)),
    );

  const blobDir = mkdtempSync(join(tmpdir(), 'sb-portal-e2e-blobs-'));

  beforeAll(async () => {
    // Where the portal's uploads go and the downloads are read from (read when the modules are built).
    process.env['EMAIL_BLOB_DIR'] = blobDir;
    testDb = await createTestDatabase('customer_portal');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: testDb.url,
      JWT_SECRET: 'customer-portal-secret-0123456789abcdef',
      PORT: String(port),
      PUBLIC_WEB_URL: base,
      PORTAL_API_URL: base,
      SELF_SERVICE_POLL_MS: '200',
    };
    db = await openDatabase(loadConfig(env));
    await seedDemoTenant(db);
    transport = new InProcessTransport();
    await transport.subscribe({
      topic: Topics.ticketEvents,
      groupId: 'customer-portal-spec',
      handler: async (records) => void events.push(...records.map((r) => decodeTicketEvent(r.value))),
    });
    const support = uniqueAddress('help');
    stack = await startInProcessStack({
      db,
      transport,
      env,
      features: ['tickets', 'routing', 'agent-api', 'self-service'],
      web: true,
      listen: true,
      port,
      email: {
        config: loadEmailChannelConfig({
          EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [testMailboxSettings('demo', support)] }),
        }),
        env: {},
      },
    });
    const login = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { tenant: 'demo', email: ADMIN, password: DEMO_PASSWORD },
    });
    admin = login.json<{ accessToken: string }>().accessToken;
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await transport?.close();
    await db?.close();
    await testDb?.drop();
    delete process.env['EMAIL_BLOB_DIR'];
    rmSync(blobDir, { recursive: true, force: true });
  });

  async function openWithCode(page: Page, number: string, customer: string): Promise<void> {
    await page.goto(`${base}/t/demo/portal`);
    await page.fill('#number', number);
    await page.click('button[type=submit]');
    const mail = await mailWith(customer, /lookup code|验证码/);
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
    await page.fill('#code', code);
    await page.click('button[type=submit]');
    await page.waitForURL(`**/t/demo/portal/tickets/${number}`);
  }

  it('a customer submits the form, opens the lookup with the mailed code, reads the answer, replies and rates 5', async () => {
    const customer = uniqueAddress('mei');
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${base}/t/demo`);
    await page.fill('[name=name]', 'Mei Lin');
    await page.fill('[name=email]', customer);
    await page.fill('[name=subject]', 'Kettle does not heat');
    await page.fill('[name=message]', 'My kettle stopped heating yesterday.');
    await page.click('button[type=submit]');
    const number = ((await page.textContent('.ticket')) ?? '').trim();
    expect(number).toMatch(/^SB-\d{6}$/);
    expect(await page.locator('a.portal-link').count()).toBe(1);

    await openWithCode(page, number, customer);
    expect(await page.textContent('h1')).toContain(number);
    const scrollWidth = await page.evaluate('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(375);

    const reply = await api('POST', `/api/v1/tickets/${number}/replies`, {
      bodyText: 'Please hold the reset button for 5 seconds.',
    });
    expect(reply.status).toBe(201);
    await mailWith(customer, /new answer on your ticket/);
    await page.reload();
    expect(await page.textContent('.msg.agent')).toContain('Please hold the reset button');

    await page.fill('#bodyText', 'Done, it heats again. <script>alert(1)</script>');
    const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await page.setInputFiles('#files', [
      { name: '水壶.png', mimeType: 'image/png', buffer: photo },
      { name: 'notes.html', mimeType: 'text/html', buffer: Buffer.from('<script>alert(2)</script>') },
    ]);
    await page.click('section[aria-labelledby=reply] button[type=submit]');
    await page.waitForURL(/sent=message/);
    const stored = await waitUntil('the follow-up on the ticket, with its files', async () => {
      const rows = await db.query<{ attachments: { name: string; storageRef: string }[] }>(
        `SELECT m.attachments FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE t.number = $1 AND m.direction = 'inbound' AND m.body_text LIKE 'Done, it heats again.%'`,
        [number],
      );
      return rows[0];
    });
    expect(stored.attachments.map((a) => a.name)).toEqual(['水壶.png', 'notes.html']);
    await page.reload();
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.textContent('body')).toContain('<script>alert(1)</script>');
    const links = page.locator('.msg.customer a.attachment');
    expect(await links.allTextContents()).toEqual(['水壶.png', 'notes.html']);
    const image = await context.request.get(`${base}${(await links.first().getAttribute('href')) ?? ''}`);
    expect(image.status()).toBe(200);
    expect(Buffer.from(await image.body()).equals(photo)).toBe(true);
    expect(image.headers()['content-type']).toBe('image/png');
    expect(image.headers()['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('水壶.png')}`);
    const html = await context.request.get(`${base}${(await links.nth(1).getAttribute('href')) ?? ''}`);
    expect([html.headers()['content-type'], html.headers()['content-security-policy']]).toEqual([
      'application/octet-stream',
      "default-src 'none'; sandbox",
    ]);
    const stranger = await browser.newContext();
    const refused = await stranger.request.get(`${base}${(await links.first().getAttribute('href')) ?? ''}`);
    expect(refused.status()).toBe(401);
    await stranger.close();

    await api('POST', `/api/v1/tickets/${number}/status`, { status: 'in_progress' });
    expect((await api('POST', `/api/v1/tickets/${number}/status`, { status: 'resolved' })).status).toBe(200);
    await page.reload();
    await page.check('input[name=score][value="5"]');
    await page.fill('#comment', 'Fast and friendly');
    await page.click('section[aria-labelledby=rate] button[type=submit]');
    await page.waitForURL(/sent=rating/);
    expect(await page.textContent('body')).toContain('Thank you for your rating: 5/5');

    const history = await api<{ events: { type: string; data: Record<string, unknown> }[] }>(
      'GET',
      `/api/v1/tickets/${number}/history`,
    );
    expect(history.body.events.find((e) => e.type === 'csat_received')?.data).toMatchObject({
      score: 5,
      comment: 'Fast and friendly',
    });
    const csat = await waitUntil('CsatReceived on ticket.events.v1', async () =>
      events.find((e) => e.payload.case === 'csatReceived' && e.payload.value.comment === 'Fast and friendly'),
    );
    expect(csat.payload.value).toMatchObject({ score: 5, round: 1 });
    const delivered = await db.query<{ status: string }>(
      `SELECT m.metadata->>'deliveryStatus' AS status FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE t.number = $1 AND m.direction = 'outbound'`,
      [number],
    );
    expect(delivered.map((r) => r.status)).toEqual(['delivered']);
    await context.close();
  }, 120_000);

  it('the reply box refuses too many files or bytes with a page, and a body of another type with 415', async () => {
    const url = `${base}/t/demo/portal/tickets/SB-000001/messages`;
    const many = new FormData();
    many.set('clientMessageId', 'portal-too-many-files');
    for (let i = 0; i < 6; i++) many.append('files', new Blob(['x']), `f${i}.txt`);
    const refused = await fetch(url, { method: 'POST', body: many });
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain('up to 5 files, 10 MB in all');
    const heavy = new FormData();
    heavy.set('clientMessageId', 'portal-too-many-bytes');
    heavy.append('files', new Blob([Buffer.alloc(6 * 1024 * 1024)]), 'a.bin');
    heavy.append('files', new Blob([Buffer.alloc(6 * 1024 * 1024)]), 'b.bin');
    expect((await fetch(url, { method: 'POST', body: heavy })).status).toBe(413);
    const text = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });

  it('a repair ticket with a visit shows the window in the lookup, and its reminder is sent once', async () => {
    const customer = uniqueAddress('wang');
    const submitted = await stack.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/demo/submissions',
      payload: {
        name: 'Wang Fang',
        email: customer,
        subject: 'Washer leaks',
        message: 'Water on the floor after every wash.',
        language: 'zh-CN',
        ticketType: 'repair',
        fields: { product_model: 'W7', fault: 'Leaks' },
      },
    });
    const number = submitted.json<{ ticketNumber: string }>().ticketNumber;
    expect(number).toMatch(/^SB-\d{6}$/);
    const start = new Date(Date.now() + 8 * 3_600_000 + 3 * 3_600_000);
    const local = (d: Date): string => d.toISOString().slice(0, 16);
    const visit = await api<{ appointment: { windowText: string } }>('POST', `/api/v1/tickets/${number}/appointments`, {
      technicianName: 'Zhang Wei',
      technicianPhone: '+8613800000002',
      windowStart: local(start),
      windowEnd: local(new Date(start.getTime() + 2 * 3_600_000)),
      address: '1 Renmin Road, Shanghai',
    });
    expect(visit.status).toBe(201);
    const scheduled = await mailWith(customer, /已为您预约上门服务/);
    await mailWith(customer, /提醒：上门服务即将开始/);
    await new Promise((r) => setTimeout(r, 1_500));
    const reminders = (await mailsTo(customer)).filter((m) => m.subject.includes('提醒'));
    expect(reminders).toHaveLength(1);

    const link = /(http:\/\/\S+\/portal\/open\?token=\S+)/.exec(scheduled.text)?.[1] ?? '';
    const context = await browser.newContext({
      locale: 'zh-CN',
      extraHTTPHeaders: { 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(`**/t/demo/portal/tickets/${number}`);
    expect(await page.textContent('.visit .window')).toBe(visit.body.appointment.windowText);
    expect(await page.textContent('.visit')).toContain('上门服务');
    await context.close();
  }, 120_000);
});
