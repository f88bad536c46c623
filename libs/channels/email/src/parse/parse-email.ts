import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import type { EmailAddress, EmailPart, ParsedEmail } from './parsed-email';
import { prepareRaw } from './prepare-raw';

const MESSAGE_ID = /<[^<>\s]+@[^<>\s]+>/g;

function addressesOf(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const flat = objects.flatMap((o) => o.value).flatMap((a) => (a.group ? a.group : [a]));
  return flat
    .filter((a): a is typeof a & { address: string } => typeof a.address === 'string' && a.address.includes('@'))
    .map((a) => ({ address: a.address.trim().toLowerCase(), name: a.name.trim() }));
}

/** Message-IDs in a header, angle brackets kept; tolerates missing brackets around a single id. */
export function messageIdsIn(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const found = text.match(MESSAGE_ID);
  if (found) return [...new Set(found)];
  const bare = text.trim();
  return /^[^<>\s]+@[^<>\s]+$/.test(bare) ? [`<${bare}>`] : [];
}

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') {
    const params = 'params' in value && value.params ? Object.entries(value.params) : [];
    return [value.value, ...params.map(([k, v]) => `${k}=${String(v)}`)].join('; ');
  }
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return JSON.stringify(value);
}

function headersOf(mail: ParsedMail): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const line of mail.headerLines) {
    const name = line.key.toLowerCase();
    const raw = line.line
      .slice(line.line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    headers.set(name, [...(headers.get(name) ?? []), raw]);
  }
  // The null reverse path "<>" has no address in it, so mailparser's value for it is empty: keep the raw one.
  const keepRaw = new Set(['return-path']);
  // mailparser decodes RFC 2047 words in structured values; prefer them where it has one.
  for (const [name, value] of mail.headers) {
    const decoded = headerText(value);
    const existing = headers.get(name);
    if (existing && existing.length === 1 && !keepRaw.has(name)) headers.set(name, [decoded]);
  }
  return headers;
}

/**
 * Parts of a multipart/alternative other than plain and HTML (Apple's text/watch-html, text/enriched,
 * AMP) are other renderings of the body, not files: prepareRaw marks them, and they are dropped.
 */
const isAlternativeRendering = (a: ParsedMail['attachments'][number]): boolean =>
  a.headers.has('x-switchboard-alternative');

function partsOf(mail: ParsedMail): EmailPart[] {
  return mail.attachments
    .filter((a) => !isAlternativeRendering(a))
    .map((a) => {
      const contentId = a.cid ?? (a.contentId ? a.contentId.replace(/^<|>$/g, '') : undefined);
      return {
        filename: a.filename ?? (contentId ? `inline-${contentId}` : 'attachment'),
        contentType: a.contentType.toLowerCase(),
        content: a.content,
        contentId,
        inline:
          a.headers.has('x-switchboard-inline') ||
          a.contentDisposition === 'inline' ||
          (a.related === true && contentId !== undefined),
      };
    });
}

/**
 * Decodes a raw message: charsets (mailparser converts every text part and RFC 2047 word to UTF-8),
 * addresses, threading headers, bodies and attachments. Never throws on malformed headers: a field
 * it cannot read is left empty, and the classifier and threading decide what that means.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const mail = await simpleParser(prepareRaw(raw), { keepCidLinks: true, skipTextToHtml: true, skipImageLinks: true });
  const contentType = mail.headers.get('content-type');
  return {
    messageId: messageIdsIn(mail.messageId)[0],
    from: addressesOf(mail.from)[0],
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined,
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : undefined,
    inReplyTo: messageIdsIn(mail.inReplyTo)[0],
    references: messageIdsIn(mail.references),
    headers: headersOf(mail),
    contentType: contentType === undefined ? 'text/plain' : headerText(contentType).toLowerCase(),
    parts: partsOf(mail),
  };
}
