import { timestampDate } from '@switchboard/contracts';
import { LocalBlobStore } from '@switchboard/blobs';
import { interpretEmail } from '../interpret/interpret-email';
import { toInboundMessage } from './to-inbound-message';

const thread = { conversationKey: 'email:abc', matchedBy: 'new' as const, ticketNumber: '' };
const ctx = {
  messageId: '0193a8a0-0000-7000-8000-000000000001',
  tenantSlug: 'demo',
  channelMessageId: '<m@customer.test>',
  mailboxAddress: 'support@example.test',
  language: 'en' as const,
  receivedAt: new Date('2026-11-24T09:00:00Z'),
  uid: 7,
  rawRef: 'file://sha256/aa/bb/aabb',
};
const options = { supportAddresses: new Set(['support@example.test']), blobs: new LocalBlobStore('/nonexistent', 0) };

const mail = (headers: string, body = 'Hello.') =>
  Buffer.from(`From: Li Wei <li.wei@customer.test>\r\nTo: support@example.test\r\n${headers}\r\n\r\n${body}\r\n`);

describe('toInboundMessage', () => {
  it("takes our clock as the message's time and keeps a forged Date header only as sent-at", async () => {
    const email = await interpretEmail(mail('Subject: Late\r\nDate: Sat, 01 Jan 2000 00:00:00 +0000'), options);
    const message = toInboundMessage(email, thread, ctx);
    expect(message.receivedAt && timestampDate(message.receivedAt)).toEqual(ctx.receivedAt);
    expect(message.sentAt && timestampDate(message.sentAt)).toEqual(new Date('2000-01-01T00:00:00Z'));
    expect(message.metadata.email_sent_at).toBe('2000-01-01T00:00:00.000Z');
    expect(message.metadata).toMatchObject({ email_uid: '7', email_raw_ref: ctx.rawRef });
  });

  it('gives a mail without a subject a placeholder in the mailbox language', async () => {
    const email = await interpretEmail(mail('Date: Tue, 24 Nov 2026 09:15:00 +0800'), options);
    expect(toInboundMessage(email, thread, ctx).subject).toBe('(no subject)');
    expect(toInboundMessage(email, thread, { ...ctx, language: 'zh-CN' }).subject).toBe('（无主题）');
  });
});

describe('interpretEmail with a body cap', () => {
  it('cuts an over-long body with a visible note instead of letting the ticket service refuse it whole', async () => {
    const long = 'x'.repeat(5_000);
    const email = await interpretEmail(mail('Subject: Logs', long), { ...options, maxBodyChars: 1_000 });
    expect(email.truncated).toEqual({ shownChars: 1_000, totalChars: email.parsed.text.length });
    expect(email.parsed.text.trim()).toHaveLength(5_000);
    expect(email.shownText.startsWith('x'.repeat(1_000))).toBe(true);
    expect(email.shownText).toContain(`the first 1000 of ${email.parsed.text.length} characters are shown`);
    expect(email.fullText).toHaveLength(1_000);
  });
});
