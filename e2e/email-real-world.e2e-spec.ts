import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashPassword } from '@switchboard/auth';
import { loadEmailChannelConfig, type EmailChannelConfig } from '@switchboard/channel-email';
import {
  deliver,
  deliverRaw,
  readInbox,
  testMailboxSettings,
  uniqueAddress,
  waitUntil,
} from '@switchboard/channel-email/testing';
import { loadConfig } from '@switchboard/config';
import { seedDemoTenant } from '@switchboard/demo';
import { newId } from '@switchboard/ids';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { startInProcessStack, type InProcessStack } from './support/in-process-stack';
import { newMessageId } from './support/mail-fixtures';

const ADMIN = 'rita.admin@demo.switchboard.local';
const ADMIN_PASSWORD = 'real world mail e2e password';
const fixtures = join(import.meta.dirname, '..', 'libs', 'channels', 'email', 'fixtures');

interface MessageView {
  id: string;
  bodyText: string;
  bodyHtml: string;
  fullText: string;
  receivedAt: string;
  sentAt: string | null;
  attachments: { index: number; name: string; inline: boolean; contentId: string | null; downloadPath: string }[];
}
interface TicketDetail {
  id: string;
  number: string;
  subject: string;
  status: string;
  createdAt: string;
  messages: MessageView[];
}
interface RejectedMailView {
  id: string;
  messageId: string;
  reason: string;
  status: string;
  retryable: boolean;
  uid: number | null;
}

/**
 * The email channel against mail shaped like what a support mailbox really receives (#12): vacation
 * replies without Auto-Submitted, plain-text and delayed bounces, an oversize mail, a mail the ticket
 * service refuses, inline parts, forwards, forged dates. Real GreenMail, Postgres and HTTP (inject).
 */
describe('email channel against real-world mail (GreenMail)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let api: InProcessStack | undefined;
  const channels: InProcessStack[] = [];
  let token: string;
  const support = uniqueAddress('support');

  const startChannel = async (address: string, tweak: Partial<EmailChannelConfig> = {}): Promise<InProcessStack> => {
    const base = loadEmailChannelConfig({
      EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [testMailboxSettings('demo', address)] }),
      EMAIL_MAILBOX_REFRESH_MS: '3600000',
    });
    const stack = await startInProcessStack({ db, transport, email: { config: { ...base, ...tweak }, env: {} } });
    channels.push(stack);
    return stack;
  };
  let watchingSupport: InProcessStack | undefined;
  /** The channel watching `support` with the default settings, shared by the tests that use it. */
  const supportChannel = async (): Promise<InProcessStack> => (watchingSupport ??= await startChannel(support));
  const call = async <T>(method: 'GET' | 'POST', url: string, payload?: unknown) => {
    if (!api) throw new Error('no API');
    const response = await api.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    const json = String(response.headers['content-type'] ?? '').startsWith('application/json');
    return { status: response.statusCode, body: (json ? response.json() : undefined) as T, raw: response };
  };
  const ticketNumberOf = async (messageId: string): Promise<string | undefined> =>
    (
      await db.query<{ number: string }>(
        `SELECT t.number FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE m.channel = 'email' AND m.channel_message_id = $1`,
        [messageId],
      )
    )[0]?.number;
  const ticket = async (number: string): Promise<TicketDetail> =>
    (await call<TicketDetail>('GET', `/api/v1/tickets/${number}`)).body;
  const customerMail = async (channel: InProcessStack, from: string, subject: string, text: string, to = support) => {
    const messageId = newMessageId();
    await deliver({ from, to, subject, text, messageId });
    await channel.channel.syncNow();
    return { messageId, number: await waitUntil(`ticket of ${subject}`, () => ticketNumberOf(messageId)) };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('email_real_world');
    const env = { DATABASE_URL: testDb.url, JWT_SECRET: 'email-real-world-e2e-secret-0123456789abcdef' };
    db = await openDatabase(loadConfig(env));
    await seedDemoTenant(db);
    await db.query(
      `INSERT INTO agents (id, tenant_id, email, name, role, password_hash)
       SELECT $1, id, $2, 'Rita Admin', 'admin', $3 FROM tenants WHERE slug = 'demo'`,
      [newId(), ADMIN, await hashPassword(ADMIN_PASSWORD)],
    );
    transport = new InProcessTransport();
    api = await startInProcessStack({ db, transport, env, features: ['tickets', 'agent-api'] });
    const login = await api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { tenant: 'demo', email: ADMIN, password: ADMIN_PASSWORD },
    });
    token = login.json<{ accessToken: string }>().accessToken;
  }, 120_000);

  afterAll(async () => {
    for (const c of channels) await c.close().catch(() => undefined);
    await api?.close();
    await transport?.close();
    await db?.close();
    await testDb?.drop();
  }, 120_000);

  it('tickets an oversize mail with a truncation note; a refused mail is listed as rejected and a retry tickets it', async () => {
    const mailbox = uniqueAddress('support-big');
    const lines = Array.from({ length: 11_500 }, (_, i) => `line ${String(i).padStart(5, '0')} ${'x'.repeat(88)}`);
    const raw = (messageId: string) =>
      [
        `From: Big Sender <${uniqueAddress('big', 'customer.test')}>`,
        `To: ${mailbox}`,
        'Subject: Full server log attached inline',
        `Message-ID: ${messageId}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        ...lines,
        '',
      ].join('\r\n');
    // With the cap lifted past the ticket service's 1 MiB limit, the ticket service refuses the mail.
    const uncapped = await startChannel(mailbox, { maxBodyChars: 2_000_000 });
    const refusedId = newMessageId();
    await deliverRaw('big@customer.test', mailbox, raw(refusedId));
    await uncapped.channel.syncNow();
    const rejected = await waitUntil('the refused mail in the rejected-mail list', async () => {
      const list = await call<{ rejectedMails: RejectedMailView[] }>('GET', '/api/v1/email/rejected-mails');
      return list.body.rejectedMails.find((m) => m.messageId === refusedId);
    });
    expect(rejected).toMatchObject({ status: 'rejected', retryable: true, uid: 1 });
    expect(rejected.reason).not.toBe('');
    expect(await ticketNumberOf(refusedId)).toBeUndefined();
    await uncapped.close();

    // With the default cap, the same kind of mail becomes a ticket with a visible note; the retry too.
    const capped = await startChannel(mailbox);
    const retry = await call<RejectedMailView>('POST', `/api/v1/email/rejected-mails/${rejected.id}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body.status).toBe('retry_requested');
    expect(await capped.channel.retryRejectedNow()).toBe(1);
    const number = await waitUntil('the retried mail as a ticket', () => ticketNumberOf(refusedId));
    const [message] = (await ticket(number)).messages;
    expect(message?.bodyText).toContain('line 00000');
    expect(message?.bodyText).toMatch(/This message was shortened: the first 200000 of \d+ characters are shown/);
    const listed = await call<{ rejectedMails: RejectedMailView[] }>('GET', '/api/v1/email/rejected-mails');
    expect(listed.body.rejectedMails.find((m) => m.id === rejected.id)?.status).toBe('retried');

    const secondId = newMessageId();
    await deliverRaw('big@customer.test', mailbox, raw(secondId));
    await capped.channel.syncNow();
    expect(
      (await ticket(await waitUntil('oversize ticket', () => ticketNumberOf(secondId)))).messages[0]?.bodyText,
    ).toContain('The full original mail is kept.');
    await capped.close();
  }, 120_000);

  it('lists a mail over EMAIL_MAX_MESSAGE_BYTES as rejected, not retryable, and leaves it in the mailbox', async () => {
    await watchingSupport?.close();
    watchingSupport = undefined;
    const mailbox = uniqueAddress('support-small');
    const channel = await startChannel(mailbox, { maxMessageBytes: 20_000 });
    const messageId = newMessageId();
    const body = Array.from({ length: 400 }, () => 'y'.repeat(98)).join('\r\n');
    await deliverRaw(
      'huge@customer.test',
      mailbox,
      `From: Huge <huge@customer.test>\r\nTo: ${mailbox}\r\nSubject: Scan\r\nMessage-ID: ${messageId}\r\n\r\n${body}\r\n`,
    );
    await channel.channel.syncNow();
    const found = await waitUntil('the oversize mail in the rejected-mail list', async () => {
      const list = await call<{ rejectedMails: RejectedMailView[] }>('GET', '/api/v1/email/rejected-mails');
      return list.body.rejectedMails.find((m) => m.messageId === messageId);
    });
    expect(found).toMatchObject({ reason: 'message_too_large', retryable: false, uid: 1 });
    const retry = await call<{ error: { code: string } }>('POST', `/api/v1/email/rejected-mails/${found.id}/retry`);
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe('rejected_mail_not_retryable');
    expect(await readInbox(mailbox)).toHaveLength(1);
    await channel.close();
  }, 120_000);

  it('keeps a mail without From in the rejected-mail list', async () => {
    const channel = await supportChannel();
    const messageId = newMessageId();
    await deliverRaw(
      'ghost@customer.test',
      support,
      `To: ${support}\r\nSubject: no sender\r\nMessage-ID: ${messageId}\r\n\r\nWho am I?\r\n`,
    );
    await channel.channel.syncNow();
    const found = await waitUntil('the mail without From in the rejected-mail list', async () => {
      const list = await call<{ rejectedMails: RejectedMailView[] }>('GET', '/api/v1/email/rejected-mails');
      return list.body.rejectedMails.find((m) => m.messageId === messageId);
    });
    expect(found).toMatchObject({ reason: 'no_sender', retryable: true });
    // A mail without a subject is a ticket with a placeholder subject (en here, zh-CN for such mailboxes).
    const untitled = newMessageId();
    await deliverRaw(
      'quiet@customer.test',
      support,
      `From: quiet@customer.test\r\nTo: ${support}\r\nSubject:\r\nMessage-ID: ${untitled}\r\n\r\nMy badge does not open the door.\r\n`,
    );
    await channel.channel.syncNow();
    const number = await waitUntil('the untitled ticket', () => ticketNumberOf(untitled));
    expect((await ticket(number)).subject).toBe('(no subject)');
  }, 120_000);

  it('never tickets, acknowledges or reopens on vacation replies without Auto-Submitted', async () => {
    const channel = await supportChannel();
    const customer = uniqueAddress('li.wei', 'customer.test');
    const { messageId, number } = await customerMail(channel, `Li Wei <${customer}>`, 'Printer jammed', 'It jams.');
    const ack = await waitUntil('the acknowledgement', async () => (await readInbox(customer))[0]);
    await db.query(`UPDATE tickets SET status = 'resolved' WHERE number = $1`, [number]);
    const before = (await ticket(number)).messages.length;
    const oof = (await readFile(join(fixtures, 'auto-reply-exchange-oof.eml'), 'utf8'))
      .replace(/li\.wei@customer\.test/g, customer)
      .replace('Support <support@example.test>', support)
      .replace(/<sb-out-1@example\.test>/g, ack.parsed.messageId ?? messageId)
      .replace('[#SB-000042]', `[#${number}]`);
    await deliverRaw(customer, support, oof);
    const zh = (await readFile(join(fixtures, 'auto-reply-chinese-subject.eml'), 'utf8'))
      .replace('zhang.wei@customer.test', customer)
      .replace('support@example.test', support);
    await deliverRaw(customer, support, zh);
    await channel.channel.syncNow();
    expect(channel.channel.counters.get('noise_exchange_out_of_office')).toBe(1);
    expect(channel.channel.counters.get('noise_auto_reply_subject')).toBe(1);
    // A person's mail that only asks not to be auto-answered is a ticket, but gets no acknowledgement.
    const human = uniqueAddress('outlook.user', 'customer.test');
    const asks = newMessageId();
    await deliver({
      from: human,
      to: support,
      subject: 'Invoice 88 is charged twice',
      text: 'Please refund one.',
      messageId: asks,
      headers: { 'X-Auto-Response-Suppress': 'All' },
    });
    await channel.channel.syncNow();
    await waitUntil('the human mail as a ticket', () => ticketNumberOf(asks));
    const after = await ticket(number);
    expect(after.status).toBe('resolved');
    expect(after.messages).toHaveLength(before);
    expect(await readInbox(customer)).toHaveLength(1);
    expect(await readInbox(human)).toHaveLength(0);
  }, 120_000);

  it('flags the address when an acknowledgement bounces as plain text, and never acknowledges a mailer daemon', async () => {
    const channel = await supportChannel();
    const customer = uniqueAddress('gone', 'customer.test');
    const { number } = await customerMail(channel, customer, 'VPN access', 'Please give me VPN access.');
    const ack = await waitUntil('the acknowledgement', async () => (await readInbox(customer))[0]);
    const daemon = uniqueAddress('mailer-daemon', 'googlemail.test').replace(/^mailer-daemon-[^@]+/, 'mailer-daemon');
    const bounce = (await readFile(join(fixtures, 'bounce-gmail-plain-text.eml'), 'utf8'))
      .replace('mailer-daemon@googlemail.com', daemon)
      .replace(/gone@customer\.test/g, customer)
      .replace(/support@example\.test/g, support)
      .replace('<sb-out-9@example.test>', ack.parsed.messageId ?? '');
    await deliverRaw(daemon, support, bounce);
    const postmaster = uniqueAddress('postmaster', 'customer.test').replace(/^postmaster-[^@]+/, 'postmaster');
    await deliver({ from: postmaster, to: support, subject: 'Hello', text: 'Our mail server moved.' });
    await channel.channel.syncNow();
    await waitUntil(
      'the address flagged',
      async () => (await db.query(`SELECT 1 FROM email_address_flags WHERE address = $1`, [customer]))[0],
    );
    const notes = await db.query<{ kind: string }>(
      `SELECT m.metadata->>'kind' AS kind FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE t.number = $1 AND m.direction = 'note'`,
      [number],
    );
    expect(notes.map((n) => n.kind)).toEqual(['acknowledgement_failed']);
    expect(await readInbox(daemon)).toHaveLength(0);
    expect(await readInbox(postmaster)).toHaveLength(0);
  }, 120_000);

  it('acknowledges at most EMAIL_AUTO_ACK_PER_DOMAIN_PER_HOUR senders of one domain an hour', async () => {
    // One channel instance at a time: an instance acknowledges only for the mailboxes it watches.
    await watchingSupport?.close();
    watchingSupport = undefined;
    const mailbox = uniqueAddress('support-acks');
    const channel = await startChannel(mailbox, { autoAckPerDomainPerHour: 2 });
    const domain = `${uniqueAddress('d', 'x').split('@')[0] ?? 'd'}.loop.test`;
    const senders = [1, 2, 3].map((i) => `user${i}@${domain}`);
    const ids = senders.map(() => newMessageId());
    for (const [i, from] of senders.entries()) {
      await deliver({ from, to: mailbox, subject: `Question ${i}`, text: 'Hello?', messageId: ids[i] });
    }
    await channel.channel.syncNow();
    for (const id of ids) await waitUntil('each ticket', () => ticketNumberOf(id));
    await waitUntil('two acknowledgements', async () => {
      const inboxes = await Promise.all(senders.map((s) => readInbox(s)));
      return inboxes.filter((inbox) => inbox.length > 0).length >= 2 ? true : undefined;
    });
    // Every receipt has been handled once a later mail's acknowledgement arrived.
    const late = uniqueAddress('late', 'other.test');
    await customerMail(channel, late, 'Later', 'Hi.', mailbox);
    await waitUntil('the later acknowledgement', async () => (await readInbox(late))[0]);
    const counts = await Promise.all(senders.map(async (s) => (await readInbox(s)).length));
    expect(counts.sort()).toEqual([0, 1, 1]);
    await channel.close();
  }, 120_000);

  it('records a delay notice on the answer without failing it', async () => {
    const channel = await supportChannel();
    const customer = uniqueAddress('slow', 'customer.test');
    const { number } = await customerMail(channel, customer, 'Slow server', 'Our server is slow.');
    const posted = await call<{ reply: { id: string } }>('POST', `/api/v1/tickets/${number}/replies`, {
      bodyText: 'We are looking into it.',
    });
    expect(posted.status).toBe(201);
    const status = async () =>
      (
        await db.query<{ status: string | null }>(
          `SELECT metadata->>'deliveryStatus' AS status FROM ticket_messages WHERE id = $1`,
          [posted.body.reply.id],
        )
      )[0]?.status ?? undefined;
    await waitUntil('the answer sent', async () => ((await status()) === 'sent' ? true : undefined));
    const answer = await waitUntil('the answer in the mailbox', async () =>
      (await readInbox(customer)).find((m) => m.parsed.subject.startsWith('Re:')),
    );
    const delayed = (await readFile(join(fixtures, 'bounce-postfix-delayed.eml'), 'utf8'))
      .replace(/slow@customer\.test/g, customer)
      .replace(/support@example\.test/g, support)
      .replace('<sb-out-10@example.test>', answer.parsed.messageId ?? '');
    await deliverRaw('mailer-daemon@mx.customer.test', support, delayed);
    await channel.channel.syncNow();
    await waitUntil(
      'the delay note',
      async () =>
        (
          await db.query(
            `SELECT 1 FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
            WHERE t.number = $1 AND m.metadata->>'kind' = 'delivery_delayed'`,
            [number],
          )
        )[0],
    );
    expect(await status()).toBe('sent');
    expect(await db.query(`SELECT 1 FROM email_address_flags WHERE address = $1`, [customer])).toEqual([]);
  }, 120_000);

  it('shows the agent inline images by Content-ID, named inline parts as files, forwards whole and our clock', async () => {
    const channel = await supportChannel();
    const customer = uniqueAddress('tanaka', 'customer.test');
    const inline = (await readFile(join(fixtures, 'inline-text-part-rfc2231-iso-2022-jp.eml'), 'utf8'))
      .replace('tanaka@customer.test', customer)
      .replace('support@example.test', support)
      .replace('Tue, 24 Nov 2026 09:15:00 +0900', 'Sat, 01 Jan 2000 00:00:00 +0000')
      .replace('<inline-jp-1@customer.test>', newMessageId());
    await deliverRaw(customer, support, inline);
    const forwarded = (await readFile(join(fixtures, 'forward-outlook.eml'), 'utf8'))
      .replace('li.wei@customer.test>', `${customer}>`)
      .replace('support@example.test', support)
      .replace('<fw-outlook-1@customer.test>', newMessageId());
    await deliverRaw(customer, support, forwarded);
    await channel.channel.syncNow();
    const rows = await waitUntil('both tickets', async () => {
      const found = await db.query<{ number: string; subject: string }>(
        `SELECT t.number, t.subject FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id
          JOIN customer_identities i ON i.customer_id = t.customer_id AND i.kind = 'email' AND i.value = $1
          ORDER BY t.number`,
        [customer],
      );
      return found.length === 2 ? found : undefined;
    });
    const logTicket = await ticket(rows.find((r) => r.subject.includes('error log'))?.number ?? '');
    const [message] = logTicket.messages;
    if (!message) throw new Error('no message');
    expect(logTicket.subject).toBe('エラー error log');
    expect(message.bodyHtml).toContain('src="cid:screen.1@customer.test"');
    expect(message.attachments.map(({ name, inline: i, contentId }) => ({ name, inline: i, contentId }))).toEqual([
      { name: 'screen.png', inline: true, contentId: 'screen.1@customer.test' },
      { name: 'ログ_20261124.txt', inline: true, contentId: null },
    ]);
    expect(message.sentAt).toBe('2000-01-01T00:00:00.000Z');
    expect(message.fullText).toContain('The app fails at login');
    expect(new Date(logTicket.createdAt).getTime()).toBeGreaterThan(new Date(message.sentAt ?? '').getTime());
    const file = await call<unknown>('GET', message.attachments[1]?.downloadPath ?? '');
    expect(file.status).toBe(200);
    expect(file.raw.headers['content-disposition']).toBe(
      `attachment; filename="___20261124.txt"; filename*=UTF-8''${encodeURIComponent('ログ_20261124.txt')}`,
    );
    expect(file.raw.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(file.raw.body).toBe('ERROR 42 login refused');
    // Authorised like the ticket: an agent it is not assigned to gets the same 404 as for no ticket.
    const alice = await api?.app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      payload: { tenant: 'demo', email: 'alice@demo.switchboard.local', password: 'switchboard' },
    });
    const denied = await api?.app.inject({
      method: 'GET',
      url: message.attachments[1]?.downloadPath ?? '',
      headers: { authorization: `Bearer ${alice?.json<{ accessToken: string }>().accessToken ?? ''}` },
    });
    expect(denied?.statusCode).toBe(404);
    expect(denied?.json<{ error: { code: string } }>().error.code).toBe('ticket_not_found');
    const fw = await ticket(rows.find((r) => r.subject.startsWith('FW:'))?.number ?? '');
    expect(fw.messages[0]?.bodyText).toContain('The screen of unit 3 is cracked');
  }, 120_000);

  // Raw 8-bit headers (GBK, Big5, Latin-1 without encoded words) cannot be carried through GreenMail:
  // it stores each invalid UTF-8 byte as U+FFFD (EF BF BD), so the original bytes never reach IMAP.
  // That class is tested at the parser level: libs/channels/email/fixtures/charset-raw-8bit-headers-*.eml.
});
