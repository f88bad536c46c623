import { AttachmentTooLargeError, type BlobStore } from '@switchboard/blobs';
import { classifyEmail } from '../classify/classify-email';
import type { EmailClassification } from '../classify/email-classification';
import { parseEmail } from '../parse/parse-email';
import type { EmailPart, ParsedEmail } from '../parse/parsed-email';
import { sanitizeEmailHtml } from '../parse/sanitize-email-html';
import { trimQuotedReply } from '../parse/trim-quoted-reply';
import { threadingKeysOf, type ThreadingKeys } from '../thread/threading-keys';

/** The raw bytes are not a message mailparser can read; retrying cannot change that. */
export class UnreadableEmailError extends Error {
  constructor(cause: unknown) {
    super(`unreadable message: ${cause instanceof Error ? cause.message : JSON.stringify(cause)}`);
    this.name = 'UnreadableEmailError';
  }
}

export interface StoredAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly storageRef: string;
  readonly inline: boolean;
  /** Content-ID without angle brackets: the HTML shows the part as `cid:<contentId>`. */
  readonly contentId: string | undefined;
}

export interface RefusedAttachment {
  readonly name: string;
  readonly sizeBytes: number;
  readonly limitBytes: number;
}

export interface InterpretedEmail {
  readonly parsed: ParsedEmail;
  readonly classification: EmailClassification;
  readonly keys: ThreadingKeys;
  /** The customer's new words, quoted history and signature trimmed: what agents read first. */
  readonly shownText: string;
  /** The whole text body as received. */
  readonly fullText: string;
  readonly safeHtml: string | undefined;
  readonly attachments: readonly StoredAttachment[];
  readonly refusedAttachments: readonly RefusedAttachment[];
  /** Set when the text was longer than the channel's cap: how much of it is shown. */
  readonly truncated: { readonly shownChars: number; readonly totalChars: number } | undefined;
}

export interface InterpretOptions {
  /** Our support addresses, lower-case: mail from them is noise, plus-tokens on them thread. */
  readonly supportAddresses: ReadonlySet<string>;
  readonly blobs: BlobStore;
  /** Longer bodies are cut with a visible note (the raw original is kept by intake); default: no cap. */
  readonly maxBodyChars?: number;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

async function storeParts(parts: readonly EmailPart[], blobs: BlobStore) {
  const attachments: StoredAttachment[] = [];
  const refused: RefusedAttachment[] = [];
  for (const part of parts) {
    try {
      const blob = await blobs.put(part.content);
      attachments.push({
        name: part.filename,
        contentType: part.contentType,
        inline: part.inline,
        contentId: part.contentId,
        ...blob,
      });
    } catch (error) {
      if (!(error instanceof AttachmentTooLargeError)) throw error;
      refused.push({ name: part.filename, sizeBytes: error.sizeBytes, limitBytes: error.limitBytes });
    }
  }
  return { attachments, refused };
}

function refusalNotes(refused: readonly RefusedAttachment[]): string {
  return refused
    .map((r) => `[Attachment "${r.name}" (${r.sizeBytes} bytes) was not accepted: the limit is ${r.limitBytes} bytes.]`)
    .join('\n');
}

function truncationNote(shown: number, total: number): string {
  return `[This message was shortened: the first ${shown} of ${total} characters are shown. The full original mail is kept.]`;
}

interface Bodies {
  readonly shownText: string;
  readonly fullText: string;
  readonly safeHtml: string | undefined;
  readonly truncated: InterpretedEmail['truncated'];
}

/**
 * A body over the cap would be refused whole by the ticket service (and then lost): it is cut here, with
 * a note saying so. HTML over the cap is dropped rather than cut mid-tag; the text shows what it said.
 */
function capBodies(fullText: string, subject: string, safeHtml: string | undefined, max: number | undefined): Bodies {
  const trimmed = trimQuotedReply(fullText, subject);
  if (max === undefined || (fullText.length <= max && (safeHtml?.length ?? 0) <= max)) {
    return { shownText: trimmed, fullText, safeHtml, truncated: undefined };
  }
  const shownChars = Math.min(trimmed.length, max);
  const note = truncationNote(shownChars, fullText.length);
  return {
    shownText: trimmed.length > max ? `${trimmed.slice(0, max)}\n\n${note}` : `${trimmed}\n\n${note}`,
    fullText: fullText.slice(0, max),
    safeHtml: safeHtml !== undefined && safeHtml.length <= max ? safeHtml : undefined,
    truncated: { shownChars, totalChars: fullText.length },
  };
}

/**
 * Turns a raw message into what intake acts on. Noise and bounces are only classified: their
 * attachments are never stored and their bodies never shown.
 */
export async function interpretEmail(raw: Buffer, options: InterpretOptions): Promise<InterpretedEmail> {
  const parsed = await parseEmail(raw).catch((error: unknown) => {
    throw new UnreadableEmailError(error);
  });
  const classification = classifyEmail(parsed, options.supportAddresses);
  const keys = threadingKeysOf(parsed, options.supportAddresses);
  const safeHtml = parsed.html === undefined ? undefined : sanitizeEmailHtml(parsed.html);
  const fullText = parsed.text.trim() !== '' ? parsed.text : htmlToText(safeHtml ?? '');
  const stored =
    classification.kind === 'customer'
      ? await storeParts(parsed.parts, options.blobs)
      : { attachments: [], refused: [] };
  const notes = refusalNotes(stored.refused);
  const bodies = capBodies(fullText, parsed.subject, safeHtml, options.maxBodyChars);
  return {
    parsed,
    classification,
    keys,
    ...bodies,
    shownText: notes ? `${bodies.shownText}\n\n${notes}` : bodies.shownText,
    attachments: stored.attachments,
    refusedAttachments: stored.refused,
  };
}
