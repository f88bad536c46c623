import { createHash } from 'node:crypto';
import type { CustomerInfo } from './customer-resolver';
import type { ValidInboundMessage } from './inbound-message.validation';

export interface TenantMessage extends ValidInboundMessage {
  readonly tenantId: string;
}

/** A message with what was resolved for it before planning. */
export interface IngestItem {
  readonly message: TenantMessage;
  readonly customer: CustomerInfo;
  /** sha256 of the normalized subject and body; null when there is no text to compare. */
  readonly textHash: string | null;
}

/** A ticket as the batch knows it: stored already, or created by this batch (number filled in later). */
export interface TicketRef {
  readonly id: string;
  readonly tenantId: string;
  number: string;
  readonly isNew: boolean;
}

export type ReopenPolicy = 'reopen' | 'new_ticket' | 'reopen_within';

/** What threading needs to know about a stored ticket (a merged ticket is read as the one it went into). */
export interface TicketState {
  readonly ref: TicketRef;
  readonly customerId: string;
  readonly status: string;
  readonly archived: boolean;
  /** When it was last resolved or closed. */
  readonly closedAt: Date | null;
  /** Its team's policy; a ticket without a team reopens. */
  readonly reopenPolicy: ReopenPolicy;
  readonly reopenWithinDays: number;
}

export interface NearDuplicateCandidate {
  readonly ticket: TicketRef;
  readonly receivedAt: Date;
}

export type AppendReason = 'conversation' | 'ticket_number' | 'near_duplicate';

export type IngestDecision =
  | (IngestItem & { readonly kind: 'create'; readonly ticket: TicketRef; readonly followUpOf: TicketRef | null })
  | (IngestItem & {
      readonly kind: 'append';
      readonly ticket: TicketRef;
      readonly reason: AppendReason;
      /** Set when this message reopens a resolved or closed ticket: the status it had. */
      readonly reopenedFrom: string | null;
    })
  | (IngestItem & { readonly kind: 'duplicate'; readonly ticket: TicketRef });

export interface IngestLookups {
  /** Tickets already holding a message with this dedup key. */
  readonly storedMessages: ReadonlyMap<string, TicketRef>;
  /** The latest ticket of a conversation, by conversationKeyOf. */
  readonly conversations: ReadonlyMap<string, TicketState>;
  /** Tickets customers quoted, by numberKeyOf. */
  readonly numberedTickets: ReadonlyMap<string, TicketState>;
  /** Messages of open tickets, by nearDuplicateKeyOf. */
  readonly nearDuplicates: ReadonlyMap<string, readonly NearDuplicateCandidate[]>;
  /** Each tenant's near-duplicate window in seconds (0 disables). */
  readonly nearDuplicateWindows: ReadonlyMap<string, number>;
  readonly newId: () => string;
}

export const dedupKey = (m: { tenantId: string; channel: string; channelMessageId: string }): string =>
  `${m.tenantId}\u0000${m.channel}\u0000${m.channelMessageId}`;

export const conversationKeyOf = (m: { tenantId: string; conversationKey: string }): string =>
  `${m.tenantId}\u0000${m.conversationKey}`;

export const numberKeyOf = (tenantId: string, number: string): string => `${tenantId}\u0000${number}`;

export const nearDuplicateKeyOf = (tenantId: string, customerId: string, textHash: string): string =>
  `${tenantId}\u0000${customerId}\u0000${textHash}`;

/** Lower-cased, whitespace collapsed and trimmed subject and body, hashed; null when both are empty. */
export function textHashOf(m: { subject: string; bodyText: string }): string | null {
  const normalize = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const text = `${normalize(m.subject)}\n${normalize(m.bodyText)}`;
  return text === '\n' ? null : createHash('sha256').update(text).digest('hex');
}

const DAY_MS = 86_400_000;

export const isOpen = (status: string): boolean => status !== 'resolved' && status !== 'closed';

/** Whether a customer message on this resolved/closed ticket reopens it (else it opens a linked follow-up). */
export function reopens(ticket: TicketState, receivedAt: Date): boolean {
  if (ticket.archived) return false;
  switch (ticket.reopenPolicy) {
    case 'reopen':
      return true;
    case 'new_ticket':
      return false;
    case 'reopen_within':
      return (
        ticket.closedAt === null || receivedAt.getTime() - ticket.closedAt.getTime() <= ticket.reopenWithinDays * DAY_MS
      );
    default: {
      const unknown: never = ticket.reopenPolicy;
      throw new Error(`unknown reopen policy ${String(unknown)}`);
    }
  }
}

/**
 * Decides, in arrival order, what each message of a batch becomes:
 * 1. a message stored before (or seen earlier in the batch) is a duplicate;
 * 2. the ticket it is about is the one whose number it quotes (if that ticket is the same customer's
 *    and not archived), else its conversation's latest ticket; if that ticket is open, it appends;
 * 3. a near-duplicate (same customer, same normalized text within the tenant's window) of a message
 *    on an open ticket appends to that ticket;
 * 4. a resolved/closed ticket from step 2 is reopened by the message or gets a linked follow-up,
 *    as its team's reopen policy says (archived tickets never reopen);
 * 5. anything else opens a ticket.
 */
export function planIngest(items: readonly IngestItem[], lookups: IngestLookups): IngestDecision[] {
  const seen = new Map(lookups.storedMessages);
  const conversations = new Map(lookups.conversations);
  const numbered = new Map(lookups.numberedTickets);
  const near = new Map<string, NearDuplicateCandidate[]>([...lookups.nearDuplicates].map(([k, v]) => [k, [...v]]));
  const remember = (item: IngestItem, ticket: TicketRef): void => {
    seen.set(dedupKey(item.message), ticket);
    if (item.textHash === null) return;
    const key = nearDuplicateKeyOf(item.message.tenantId, item.customer.id, item.textHash);
    near.set(key, [...(near.get(key) ?? []), { ticket, receivedAt: item.message.receivedAt }]);
  };
  const markOpen = (state: TicketState, item: IngestItem): void => {
    const open: TicketState = { ...state, status: 'in_progress' };
    conversations.set(conversationKeyOf(item.message), open);
    numbered.set(numberKeyOf(state.ref.tenantId, state.ref.number), open);
  };

  return items.map((item): IngestDecision => {
    const { message } = item;
    const stored = seen.get(dedupKey(message));
    if (stored) return { ...item, kind: 'duplicate', ticket: stored };
    const quoted = message.ticketNumberHint
      ? numbered.get(numberKeyOf(message.tenantId, message.ticketNumberHint))
      : undefined;
    const byNumber = quoted && quoted.customerId === item.customer.id && !quoted.archived ? quoted : undefined;
    const target = byNumber ?? conversations.get(conversationKeyOf(message));
    const reason: AppendReason = byNumber ? 'ticket_number' : 'conversation';
    if (target && isOpen(target.status)) {
      remember(item, target.ref);
      if (byNumber) conversations.set(conversationKeyOf(message), target);
      return { ...item, kind: 'append', ticket: target.ref, reason, reopenedFrom: null };
    }
    const duplicateOf = nearDuplicateOf(item, near, lookups.nearDuplicateWindows.get(message.tenantId) ?? 0);
    if (duplicateOf) {
      remember(item, duplicateOf);
      return { ...item, kind: 'append', ticket: duplicateOf, reason: 'near_duplicate', reopenedFrom: null };
    }
    if (target && reopens(target, message.receivedAt)) {
      remember(item, target.ref);
      markOpen(target, item);
      return { ...item, kind: 'append', ticket: target.ref, reason, reopenedFrom: target.status };
    }
    const ticket: TicketRef = { id: lookups.newId(), tenantId: message.tenantId, number: '', isNew: true };
    remember(item, ticket);
    conversations.set(conversationKeyOf(message), {
      ref: ticket,
      customerId: item.customer.id,
      status: 'new',
      archived: false,
      closedAt: null,
      reopenPolicy: 'reopen',
      reopenWithinDays: 0,
    });
    return { ...item, kind: 'create', ticket, followUpOf: target?.ref ?? null };
  });
}

function nearDuplicateOf(
  item: IngestItem,
  near: ReadonlyMap<string, readonly NearDuplicateCandidate[]>,
  windowSeconds: number,
): TicketRef | undefined {
  if (windowSeconds <= 0 || item.textHash === null) return undefined;
  const candidates = near.get(nearDuplicateKeyOf(item.message.tenantId, item.customer.id, item.textHash)) ?? [];
  const at = item.message.receivedAt.getTime();
  return candidates.find((c) => Math.abs(at - c.receivedAt.getTime()) <= windowSeconds * 1000)?.ticket;
}
