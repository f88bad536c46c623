/** One mailbox address as written in a header, address lower-cased. */
export interface EmailAddress {
  readonly address: string;
  readonly name: string;
}

/** A MIME part kept as a file: a real attachment, an inline `cid:` image, or a report part. */
export interface EmailPart {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
  /** Content-ID without angle brackets, for parts the HTML shows inline (`cid:`). */
  readonly contentId: string | undefined;
  readonly inline: boolean;
}

/** A raw RFC 5322 message decoded into what the channel needs; bodies are not yet trimmed or sanitized. */
export interface ParsedEmail {
  /** Message-ID with angle brackets, or undefined when the header is missing or unusable. */
  readonly messageId: string | undefined;
  readonly from: EmailAddress | undefined;
  readonly to: readonly EmailAddress[];
  readonly cc: readonly EmailAddress[];
  readonly subject: string;
  readonly date: Date | undefined;
  readonly text: string;
  /** The HTML body as sent (unsafe); see sanitizeEmailHtml. */
  readonly html: string | undefined;
  readonly inReplyTo: string | undefined;
  readonly references: readonly string[];
  /** Header values by lower-case name; repeated headers keep every value. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly contentType: string;
  readonly parts: readonly EmailPart[];
}

export function headerValue(email: ParsedEmail, name: string): string | undefined {
  return email.headers.get(name.toLowerCase())?.[0];
}
