import { randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { MailboxSettings } from '../config/email-channel.config';
import { parseEmail } from '../parse/parse-email';
import type { ParsedEmail } from '../parse/parsed-email';

/** The GreenMail server infra/mail/start runs; any user/password logs in. */
export const TEST_SMTP = { host: '127.0.0.1', port: 3025, secure: false } as const;
export const TEST_IMAP = { host: '127.0.0.1', port: 3143, secure: false } as const;

/** An address no other run uses: GreenMail keeps mailboxes until it stops. */
export const uniqueAddress = (local: string, domain = 'example.test'): string =>
  `${local}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}@${domain}`;

export function testMailboxSettings(tenant: string, address: string, language: 'en' | 'zh-CN' = 'en'): MailboxSettings {
  return {
    tenant,
    address,
    displayName: 'Demo Support',
    imap: TEST_IMAP,
    smtp: TEST_SMTP,
    username: address,
    password: 'test',
    folder: 'INBOX',
    language,
  };
}

const smtp = nodemailer.createTransport({ ...TEST_SMTP, auth: undefined, tls: { rejectUnauthorized: false } });

/** Delivers a raw RFC 5322 message over SMTP, as a customer's mail server would. */
export async function deliverRaw(from: string, to: string, raw: string | Buffer): Promise<void> {
  await smtp.sendMail({ envelope: { from, to: [to] }, raw });
}

export interface SimpleMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The SMTP envelope recipient when it differs from `to`. GreenMail has no subaddressing, so a mail to
   * `support+token@` is delivered to `support@` here the way a server with plus-addressing would.
   */
  readonly envelopeTo?: string;
}

export async function deliver(mail: SimpleMail): Promise<void> {
  await smtp.sendMail({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references ? { references: [...mail.references] } : {}),
    headers: { ...mail.headers },
    ...(mail.envelopeTo ? { envelope: { from: mail.from.replace(/^.*<|>.*$/g, ''), to: [mail.envelopeTo] } } : {}),
  });
}

export interface ReceivedMail {
  readonly uid: number;
  readonly parsed: ParsedEmail;
}

/**
 * Everything in an address's INBOX, oldest first, as a customer's mail client would see it. GreenMail
 * sometimes drops a connection when several first logins (each creates its user) or a busy suite meet
 * ("Unexpected close"); a reader retries a few times as a mail client would, then gives up loudly.
 */
export async function readInbox(address: string, attempts = 5): Promise<ReceivedMail[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readInboxOnce(address);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

async function readInboxOnce(address: string): Promise<ReceivedMail[]> {
  const client = new ImapFlow({
    ...TEST_IMAP,
    auth: { user: address, pass: 'test' },
    logger: false,
    // A stuck connection fails fast and is retried instead of eating the test's whole budget.
    connectionTimeout: 10_000,
    greetingTimeout: 5_000,
    socketTimeout: 15_000,
  });
  // A dropped connection is also emitted as 'error'; the awaited command rejects with it.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const mails: ReceivedMail[] = [];
      const exists = client.mailbox ? client.mailbox.exists : 0;
      if (exists === 0) return [];
      for await (const m of client.fetch('1:*', { uid: true, source: true })) {
        if (m.source) mails.push({ uid: m.uid, parsed: await parseEmail(m.source) });
      }
      return mails.sort((a, b) => a.uid - b.uid);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
}

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let polls = 0;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    // Quick at first, then easier on the servers a probe reads (each inbox read is an IMAP login).
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 * ++polls, 500)));
  }
}
