import fc from 'fast-check';
import iconv from 'iconv-lite';
import { parseEmail } from './parse-email';

const CRLF = '\r\n';
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Header lines as a hostile sender writes them: any name, any value, folded or not, 8-bit or not. */
const headerLine = fc
  .tuple(
    fc.constantFrom(
      'Subject',
      'From',
      'To',
      'Cc',
      'Message-ID',
      'In-Reply-To',
      'References',
      'Content-Type',
      'Content-Transfer-Encoding',
      'Date',
      'X-Any',
    ),
    fc.string({ unit: 'binary', maxLength: 200 }),
  )
  .map(([name, value]) => `${name}: ${value}`);

const mailLike = fc
  .tuple(fc.array(headerLine, { maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 2_000 }))
  .map(([headers, body]) => Buffer.from(`${headers.join(CRLF)}${CRLF}${CRLF}${body}`, 'utf8'));

/** Text a customer may write: any script, emoji, no control characters but line breaks. */
const humanText = (maxLength: number) =>
  fc.string({ unit: 'grapheme', maxLength }).map((text) =>
    Array.from(text)
      .filter((c) => (c.codePointAt(0) ?? 0) >= 0x20 || c === '\n')
      .join(''),
  );

describe('parseEmail, for any input', () => {
  it('never rejects: any bytes, any header soup, give a parsed mail with string fields', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mailLike,
          fc.uint8Array({ maxLength: 4_000 }).map((b) => Buffer.from(b)),
        ),
        async (raw) => {
          const mail = await parseEmail(raw);
          expect(typeof mail.subject).toBe('string');
          expect(mail.subject).not.toMatch(/[\r\n]/);
          expect(typeof mail.text).toBe('string');
          expect(Array.isArray(mail.parts)).toBe(true);
          for (const to of mail.to) expect(to.address).toBe(to.address.toLowerCase());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips any subject and body, in UTF-8 as base64 or 8-bit, and in GB18030', async () => {
    await fc.assert(
      fc.asyncProperty(
        humanText(120),
        humanText(1_000),
        fc.constantFrom('base64-utf8', '8bit-utf8', 'base64-gb18030'),
        async (subject, body, encoding) => {
          const charset = encoding.endsWith('gb18030') ? 'gb18030' : 'utf-8';
          const bytes = iconv.encode(body.replace(/\n/g, CRLF), charset);
          const encodedBody = encoding.startsWith('base64')
            ? (bytes.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF)
            : bytes.toString('binary');
          const encodedSubject = `=?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`;
          const raw = Buffer.from(
            [
              'From: Customer <customer@example.test>',
              'To: support@example.test',
              `Subject: ${encodedSubject}`,
              'Message-ID: <property@example.test>',
              'MIME-Version: 1.0',
              `Content-Type: text/plain; charset=${charset}`,
              `Content-Transfer-Encoding: ${encoding.startsWith('base64') ? 'base64' : '8bit'}`,
              '',
              encodedBody,
            ].join(CRLF),
            'binary',
          );
          const mail = await parseEmail(raw);
          expect(squash(mail.subject)).toBe(squash(subject));
          expect(squash(mail.text)).toBe(squash(body));
          expect(mail.from?.address).toBe('customer@example.test');
        },
      ),
      { numRuns: 200 },
    );
  });
});
