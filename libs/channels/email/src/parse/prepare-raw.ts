import { detect } from 'chardet';
import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const EIGHT_BIT = /[\x80-\xff]/;

function isUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The charset the message declares for its text: the top Content-Type's, else the first part's. */
function declaredCharsetOf(latin1: string): string | undefined {
  const found = /charset\s*=\s*"?([A-Za-z0-9_.:-]+)"?/i.exec(latin1)?.[1]?.toLowerCase();
  return found && !['us-ascii', 'utf-8', 'utf8', 'unknown-8bit'].includes(found) && iconv.encodingExists(found)
    ? found
    : undefined;
}

function charsetFor(latin1: string, eightBitLines: readonly Buffer[]): string | undefined {
  const declared = declaredCharsetOf(latin1);
  if (declared) return declared;
  const guess = detect(Buffer.concat(eightBitLines))?.toLowerCase();
  return guess && iconv.encodingExists(guess) && guess !== 'utf-8' ? guess : 'windows-1252';
}

/**
 * Raw 8-bit bytes in the top-level headers (Big5, GBK, Latin-1 senders and subjects written without
 * RFC 2047 words, which older clients and some gateways still send) become UTF-8, which mailparser
 * reads (RFC 6532). The charset is the one the message declares for its body, else a guess by chardet
 * over the header bytes. Headers that already are valid UTF-8 are left alone.
 */
function repairEightBitHeaders(raw: Buffer, latin1: string): Buffer {
  const end = /\r?\n\r?\n/.exec(latin1);
  const headerEnd = end ? end.index : latin1.length;
  const block = latin1.slice(0, headerEnd);
  if (!EIGHT_BIT.test(block)) return raw;
  const lines = block.split(/(?<=\n)/);
  const broken = lines
    .map((l) => Buffer.from(l, 'latin1'))
    .filter((b) => EIGHT_BIT.test(b.toString('latin1')) && !isUtf8(b));
  if (broken.length === 0) return raw;
  const charset = charsetFor(latin1, broken);
  if (!charset) return raw;
  const fixed = lines.map((line) => {
    const bytes = Buffer.from(line, 'latin1');
    return EIGHT_BIT.test(line) && !isUtf8(bytes) ? Buffer.from(iconv.decode(bytes, charset), 'utf8') : bytes;
  });
  return Buffer.concat([...fixed, raw.subarray(headerEnd)]);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const BOUNDARY = /boundary\s*=\s*(?:"([^"\r\n]+)"|([^\s;]+))/i;
const ALTERNATIVE = /content-type:\s*multipart\/alternative\s*;(?:[^\r\n]|\r?\n[ \t])*/gi;

/** Boundaries of the multipart/alternative containers. */
function alternativeBoundaries(latin1: string): Set<string> {
  const found = [...latin1.matchAll(ALTERNATIVE)].map((m) => BOUNDARY.exec(m[0]));
  return new Set(found.flatMap((m) => (m ? [m[1] ?? m[2] ?? ''] : [])).filter(Boolean));
}

type PartRewrite = (headers: string, unfolded: string, eol: string) => string | undefined;

/**
 * mailparser merges every inline text/plain or text/html part into the body, even one with a file name
 * (a log pasted as an inline attachment, an RFC 2231 name in ISO-2022-JP), and the file is lost. Such a
 * part is marked as an attachment here, with X-Switchboard-Inline so it is still known as inline.
 */
const keepNamedInlineText: PartRewrite = (headers, unfolded, eol) => {
  if (!/^content-type:\s*text\/(plain|html)\b/im.test(unfolded)) return undefined;
  if (!/\b(?:file)?name\*?(?:\d+\*?)?\s*=/i.test(unfolded)) return undefined;
  const disposition = /^content-disposition:\s*([a-z-]+)/im.exec(unfolded)?.[1]?.toLowerCase();
  if (disposition === 'attachment') return undefined;
  const rewritten = disposition
    ? headers.replace(/^(content-disposition:\s*)inline/im, '$1attachment')
    : `${headers}Content-Disposition: attachment${eol}`;
  return `${rewritten}X-Switchboard-Inline: yes${eol}`;
};

/** Another rendering of an alternative (text/watch-html, text/enriched…): marked, so it is not kept as a file. */
const markOtherAlternative: PartRewrite = (headers, unfolded, eol) =>
  /^content-type:\s*(text\/(plain|html)|multipart\/)/im.test(unfolded)
    ? undefined
    : `${headers}X-Switchboard-Alternative: yes${eol}`;

function rewriteParts(latin1: string): string | undefined {
  const boundaries = [...latin1.matchAll(new RegExp(BOUNDARY.source, 'gi'))].map((m) => m[1] ?? m[2] ?? '');
  const known = boundaries.filter(Boolean);
  if (known.length === 0) return undefined;
  const alternatives = alternativeBoundaries(latin1);
  const partHeaders = new RegExp(
    `(\\n--(${known.map(escapeRegExp).join('|')})[ \\t]*\\r?\\n)((?:[^\\r\\n]+\\r?\\n)+?)(?=\\r?\\n)`,
    'g',
  );
  let changed = false;
  const out = latin1.replace(partHeaders, (whole, opener: string, boundary: string, headers: string) => {
    const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
    const eol = headers.endsWith('\r\n') ? '\r\n' : '\n';
    const rewrite = alternatives.has(boundary) ? markOtherAlternative : keepNamedInlineText;
    const rewritten = rewrite(headers, unfolded, eol);
    if (rewritten === undefined) return whole;
    changed = true;
    return `${opener}${rewritten}`;
  });
  return changed ? out : undefined;
}

/** The raw message as mailparser should read it; unchanged for the common, well-formed mail. */
export function prepareRaw(raw: Buffer): Buffer {
  const latin1 = raw.toString('latin1');
  const repaired = repairEightBitHeaders(raw, latin1);
  const repairedLatin1 = repaired === raw ? latin1 : repaired.toString('latin1');
  const rewritten = rewriteParts(repairedLatin1);
  return rewritten === undefined ? repaired : Buffer.from(rewritten, 'latin1');
}
