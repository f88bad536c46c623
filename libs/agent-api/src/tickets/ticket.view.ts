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

export interface TicketMessageView {
  readonly id: string;
  readonly direction: 'inbound' | 'outbound' | 'note';
  readonly channel: string;
  readonly subject: string;
  readonly bodyText: string;
  readonly receivedAt: Date;
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
