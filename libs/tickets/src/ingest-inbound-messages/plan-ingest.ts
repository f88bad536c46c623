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
  | (IngestItem & {
      readonly kind: 'create';
      readonly ticket: TicketRef;
      readonly followUpOf: TicketRef | null;
      /** It quoted another ticket's number without proving who sent it: linked, never appended (tagged for agents). */
      readonly unverifiedFollowUp: boolean;
    })
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
  const batch = new BatchThreading(lookups);
  return items.map((item) => batch.decide(item));
}

/** What the batch has decided so far, on top of what was stored before it. */
class BatchThreading {
  private readonly seen: Map<string, TicketRef>;
  private readonly conversations: Map<string, TicketState>;
  private readonly near: Map<string, NearDuplicateCandidate[]>;
  /** Tickets this batch reopened: open from then on, wherever they are looked up. */
  private readonly reopened = new Set<string>();

  constructor(private readonly lookups: IngestLookups) {
    this.seen = new Map(lookups.storedMessages);
    this.conversations = new Map(lookups.conversations);
    this.near = new Map([...lookups.nearDuplicates].map(([k, v]) => [k, [...v]]));
  }

  decide(item: IngestItem): IngestDecision {
    const { message } = item;
    const stored = this.seen.get(dedupKey(message));
    if (stored) return { ...item, kind: 'duplicate', ticket: stored };
    const { target, reason, unverifiedQuote } = this.targetOf(item);
    if (unverifiedQuote) return this.create(item, unverifiedQuote, true);
    const open = target && (isOpen(target.status) || this.reopened.has(target.ref.id));
    if (target && open) return this.append(item, target.ref, reason, null);
    const window = this.lookups.nearDuplicateWindows.get(message.tenantId) ?? 0;
    const duplicateOf = nearDuplicateOf(item, this.near, window);
    if (duplicateOf) return this.append(item, duplicateOf, 'near_duplicate', null);
    if (target && reopens(target, message.receivedAt)) {
      this.reopened.add(target.ref.id);
      return this.append(item, target.ref, reason, target.status);
    }
    return this.create(item, target?.ref ?? null);
  }

  /**
   * The quoted ticket if it is the same customer's and not archived, else the conversation's latest.
   * A web message that quotes a number without a verified identity (anyone can type a customer's email
   * and a sequential number) only links to it: `unverifiedQuote`.
   */
  private targetOf(item: IngestItem): {
    target: TicketState | undefined;
    reason: AppendReason;
    unverifiedQuote?: TicketRef;
  } {
    const { message } = item;
    const quoted = message.ticketNumberHint
      ? this.lookups.numberedTickets.get(numberKeyOf(message.tenantId, message.ticketNumberHint))
      : undefined;
    if (quoted && quoted.customerId === item.customer.id && !quoted.archived) {
      if (needsProofToFollowUp(message))
        return { target: undefined, reason: 'ticket_number', unverifiedQuote: quoted.ref };
      return { target: quoted, reason: 'ticket_number' };
    }
    return { target: this.conversations.get(conversationKeyOf(message)), reason: 'conversation' };
  }

  private append(
    item: IngestItem,
    ticket: TicketRef,
    reason: AppendReason,
    reopenedFrom: string | null,
  ): IngestDecision {
    this.remember(item, ticket);
    return { ...item, kind: 'append', ticket, reason, reopenedFrom };
  }

  private create(item: IngestItem, followUpOf: TicketRef | null, unverifiedFollowUp = false): IngestDecision {
    const ticket: TicketRef = { id: this.lookups.newId(), tenantId: item.message.tenantId, number: '', isNew: true };
    this.remember(item, ticket);
    this.conversations.set(conversationKeyOf(item.message), {
      ref: ticket,
      customerId: item.customer.id,
      status: 'new',
      archived: false,
      closedAt: null,
      reopenPolicy: 'reopen',
      reopenWithinDays: 0,
    });
    return { ...item, kind: 'create', ticket, followUpOf, unverifiedFollowUp };
  }

  private remember(item: IngestItem, ticket: TicketRef): void {
    this.seen.set(dedupKey(item.message), ticket);
    if (item.textHash === null) return;
    const key = nearDuplicateKeyOf(item.message.tenantId, item.customer.id, item.textHash);
    this.near.set(key, [...(this.near.get(key) ?? []), { ticket, receivedAt: item.message.receivedAt }]);
  }
}

/** Channels where quoting a ticket number is all it takes to claim it: the public web form. */
const CLAIM_BY_NUMBER_CHANNELS: ReadonlySet<string> = new Set(['web']);

/** Whether this message must prove its sender (a verified identity: portal session, signed link) to follow up by number. */
function needsProofToFollowUp(message: TenantMessage): boolean {
  return CLAIM_BY_NUMBER_CHANNELS.has(message.channel) && !message.identities.some((claim) => claim.verified);
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
