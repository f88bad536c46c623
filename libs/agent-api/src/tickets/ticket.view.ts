/** What the agent API answers for a ticket, in camelCase; timestamps serialize as ISO 8601. */
export interface TicketView {
  readonly id: string;
  readonly number: string;
  readonly status: string;
  readonly priority: string;
  readonly category: string | null;
  readonly channel: string;
  readonly subject: string;
  readonly tier: string;
  readonly region: string | null;
  /** From routing rules, and `unverified_follow_up` on a web ticket that quoted another's number unproven. */
  readonly tags: readonly string[];
  readonly team: { readonly id: string; readonly name: string } | null;
  readonly assignee: { readonly id: string; readonly name: string; readonly email: string } | null;
  readonly customer: { readonly id: string; readonly name: string | null };
  /**
   * Bidi overrides and zero-width characters found in the subject or the customer's name: taken out of
   * the values shown here (stored as sent), and listed so the agent knows the sender used them.
   */
  readonly hiddenCharacters: readonly {
    readonly field: 'subject' | 'customer.name';
    readonly codePoints: readonly string[];
  }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly assignedAt: Date | null;
}

export interface TicketMessageAttachmentView {
  /** Its place in the message's list: the download path's last segment. */
  readonly index: number;
  readonly name: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  /** Shown inside the body (a `cid:` image, an inline text part) rather than listed. */
  readonly inline: boolean;
  /** The HTML body shows it as `cid:<contentId>`; null when it has none. */
  readonly contentId: string | null;
  /** GET it with the same token: served as a download (Content-Disposition: attachment). */
  readonly downloadPath: string;
}

export interface TicketMessageView {
  readonly id: string;
  readonly direction: 'inbound' | 'outbound' | 'note';
  readonly channel: string;
  readonly subject: string;
  /** What agents read first: the customer's new words (quoted replies trimmed; forwards kept whole). */
  readonly bodyText: string;
  /** The HTML body, sanitized again on the way out (no script, handlers, remote images); "" when none. */
  readonly bodyHtml: string;
  /** The whole text as received, quoted history included. */
  readonly fullText: string;
  /** When we received it: the message's time for ordering. */
  readonly receivedAt: Date;
  /** When the sender says it was sent (email Date header): anyone can write it, so shown only. */
  readonly sentAt: Date | null;
  readonly attachments: readonly TicketMessageAttachmentView[];
}

export interface TicketHistoryEntryView {
  readonly id: string;
  readonly type: string;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly data: Record<string, unknown>;
  readonly occurredAt: Date;
}

export interface TicketDetailView extends TicketView {
  readonly messages: readonly TicketMessageView[];
  readonly history: readonly TicketHistoryEntryView[];
}
