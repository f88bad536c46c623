import {
  Channel,
  channelName,
  hasUnstorableText,
  storableText,
  timestampDate,
  type ChannelName,
  type InboundMessage,
} from '@switchboard/contracts';
import { invalidInboundMessage } from './inbound-message.exception';
import { identityClaimsOf, type IdentityClaim, type IdentityKind } from '../customers/identity-claims';

export type { IdentityKind } from '../customers/identity-claims';

/** An inbound message that passed validation, flattened into what the ticket service stores. */
export interface ValidInboundMessage {
  readonly messageId: string;
  readonly tenantSlug: string;
  readonly channel: ChannelName;
  readonly channelMessageId: string;
  readonly conversationKey: string;
  /** The strongest of `identities`. */
  readonly identity: { readonly kind: IdentityKind; readonly value: string };
  /** Every identity the message claims, strongest first (see customers/identity-claims). */
  readonly identities: readonly IdentityClaim[];
  /** A ticket number the customer quoted. */
  readonly ticketNumberHint: string | null;
  readonly customerName: string | null;
  readonly subject: string;
  readonly bodyText: string;
  readonly bodyHtml: string;
  readonly attachments: readonly {
    name: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    storageRef: string;
    inline: boolean;
    /** Content-ID without angle brackets, for `cid:` references in the HTML body. */
    contentId: string;
  }[];
  readonly category: string | null;
  readonly region: string | null;
  readonly language: string | null;
  readonly priority: 'low' | 'normal' | 'high' | 'urgent';
  readonly receivedAt: Date;
  readonly metadata: Readonly<Record<string, string>>;
  /** hints.ticket_type: the key of the ticket type whose template checks customFields. */
  readonly ticketType: string | null;
  /** Template field values; non-string kinds are JSON (see ticket-types/custom-field-encoding). */
  readonly customFields: Readonly<Record<string, string>>;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a message id and tenant are ones validation accepts (and so a status link can name). */
export const isAddressableMessage = (messageId: string, tenantSlug: string): boolean =>
  UUID.test(messageId) && SLUG.test(tenantSlug);
const PRIORITIES = new Set(['low', 'normal', 'high', 'urgent']);
const MAX_BODY = 1_048_576;

function check(problems: string[], ok: boolean, problem: string): void {
  if (!ok) problems.push(problem);
}

const storableRecord = (record: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [storableText(key), storableText(value)]));

/**
 * Validates a decoded message at the Kafka edge; throws InboundMessageException listing every problem.
 * Every text is made storable first: one NUL from any channel once failed the whole batch in Postgres.
 */
export function validateInboundMessage(m: InboundMessage): ValidInboundMessage {
  const problems: string[] = [];
  const channel = channelName(m.channel);
  const identities = identityClaimsOf(m.customer, channel);
  const identity = identities[0];
  check(problems, UUID.test(m.messageId), 'message_id: must be a UUID');
  check(problems, SLUG.test(m.tenant), 'tenant: must be a tenant slug');
  check(problems, channel !== undefined && m.channel !== Channel.UNSPECIFIED, 'channel: must be set');
  check(problems, m.channelMessageId.length > 0 && m.channelMessageId.length <= 512, 'channel_message_id: 1-512 chars');
  check(problems, m.conversationKey.length > 0 && m.conversationKey.length <= 512, 'conversation_key: 1-512 chars');
  check(problems, identity !== undefined, 'customer: needs an email, E.164 phone, WeChat id or external id');
  check(
    problems,
    ![m.channelMessageId, m.conversationKey, ...identities.map((c) => c.value)].some(hasUnstorableText),
    'ids: NUL or lone surrogates in channel_message_id, conversation_key or an identity',
  );
  check(problems, m.subject.length <= 1_000, 'subject: at most 1000 chars');
  check(problems, m.bodyText.length <= MAX_BODY && m.bodyHtml.length <= MAX_BODY, 'body: at most 1 MiB');
  check(problems, m.bodyText.length > 0 || m.subject.length > 0 || m.attachments.length > 0, 'message: empty');
  if (problems.length > 0 || channel === undefined || identity === undefined) throw invalidInboundMessage(problems);
  const hints = m.hints;
  const priority = hints?.priority && PRIORITIES.has(hints.priority) ? hints.priority : 'normal';
  return {
    messageId: m.messageId,
    tenantSlug: m.tenant,
    channel,
    channelMessageId: m.channelMessageId,
    conversationKey: m.conversationKey,
    identity: { kind: identity.kind, value: identity.value },
    identities,
    ticketNumberHint: storableText(hints?.ticketNumber ?? '').trim() || null,
    customerName: storableText(m.customer?.name ?? '') || null,
    subject: storableText(m.subject),
    bodyText: storableText(m.bodyText),
    bodyHtml: storableText(m.bodyHtml),
    attachments: m.attachments.map((a) => ({
      name: storableText(a.name),
      contentType: a.contentType,
      sizeBytes: Number(a.sizeBytes),
      sha256: a.sha256,
      storageRef: a.storageRef,
      inline: a.inline,
      contentId: storableText(a.contentId),
    })),
    category: storableText(hints?.category ?? '') || null,
    region: storableText(hints?.region ?? '') || null,
    language: storableText(hints?.language ?? '') || null,
    priority: priority as ValidInboundMessage['priority'],
    receivedAt: m.receivedAt
      ? new Date(Number(m.receivedAt.seconds) * 1000 + Math.floor(m.receivedAt.nanos / 1e6))
      : new Date(),
    // The sender's own claim of when it was sent: metadata only, never the message's time (received_at).
    metadata: { ...storableRecord(m.metadata), ...(m.sentAt ? { sentAt: timestampDate(m.sentAt).toISOString() } : {}) },
    ticketType: storableText(hints?.ticketType ?? '').trim() || null,
    customFields: storableRecord(m.customFields),
  };
}
