import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmailConfigError, loadEmailChannelConfig } from './email-channel.config';

const mailbox = {
  tenant: 'demo',
  address: 'Support@Example.test',
  imap: { host: 'imap.example.test', port: 993, secure: true },
  smtp: { host: 'smtp.example.test', port: 587 },
  username: 'support@example.test',
  passwordEnv: 'SUPPORT_MAIL_PASSWORD',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadEmailChannelConfig(env);
  } catch (error) {
    if (error instanceof EmailConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected an EmailConfigError');
}

describe('loadEmailChannelConfig', () => {
  it('has no mailboxes and sane defaults when nothing is configured', () => {
    const config = loadEmailChannelConfig({});
    expect(config.mailboxes).toEqual([]);
    expect(config.blobDir).toBe('.runtime/blobs');
    expect(config.maxAttachmentBytes).toBe(10 * 1024 * 1024);
  });

  it('reads mailboxes from a YAML file, lower-cases the address and fills defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-email-config-'));
    try {
      const file = join(dir, 'mailboxes.yaml');
      writeFileSync(
        file,
        [
          'mailboxes:',
          '  - tenant: demo',
          '    address: Support@Example.test',
          '    imap: { host: imap.example.test, port: 993, secure: true }',
          '    smtp: { host: smtp.example.test, port: 587 }',
          '    username: support@example.test',
          '    passwordEnv: SUPPORT_MAIL_PASSWORD',
          '    language: zh-CN',
        ].join('\n'),
      );
      const config = loadEmailChannelConfig({ EMAIL_MAILBOXES_FILE: file, SUPPORT_MAIL_PASSWORD: 'secret' });
      expect(config.mailboxes).toEqual([
        expect.objectContaining({
          address: 'support@example.test',
          folder: 'INBOX',
          language: 'zh-CN',
          smtp: { host: 'smtp.example.test', port: 587, secure: false },
        }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists every problem at once', () => {
    const bad = { ...mailbox, tenant: 'Not A Slug', imap: { host: '', port: 0 } };
    const problems = problemsOf({
      EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [bad] }),
      EMAIL_POLL_INTERVAL_MS: '-1',
    });
    expect(problems).toEqual([expect.stringContaining('EMAIL_POLL_INTERVAL_MS')]);
    const mailboxProblems = problemsOf({ EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [bad] }) });
    expect(mailboxProblems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('mailboxes.0.tenant'),
        expect.stringContaining('mailboxes.0.imap.host'),
        expect.stringContaining('mailboxes.0.imap.port'),
      ]),
    );
  });

  it('refuses a password env variable that is not set, and a mailbox with two passwords', () => {
    expect(problemsOf({ EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [mailbox] }) })).toEqual([
      'mailboxes: support@example.test: env SUPPORT_MAIL_PASSWORD is not set',
    ]);
    const both = { ...mailbox, password: 'x' };
    expect(problemsOf({ EMAIL_MAILBOXES_JSON: JSON.stringify({ mailboxes: [both] }) })).toEqual([
      expect.stringContaining('set exactly one of password and passwordEnv'),
    ]);
  });
});
