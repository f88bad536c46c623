import { ticketNumberTokenOf } from '@switchboard/contracts';
import type { ParsedEmail } from '../parse/parsed-email';

export interface ThreadingKeys {
  /** The token of our reply address (`support+<token>@…`) the customer wrote to, if any. */
  readonly replyToken: string | undefined;
  /** In-Reply-To first, then References newest first: the order to look them up in. */
  readonly referencedMessageIds: readonly string[];
  readonly subjectTicketNumber: string | undefined;
}

/** Plus-addressing tokens we hand out are lower-case base36; anything else after "+" is the customer's own tag. */
const TOKEN = /^[a-z0-9]{6,40}$/;

export function replyTokenOf(email: ParsedEmail, supportAddresses: ReadonlySet<string>): string | undefined {
  for (const { address } of [...email.to, ...email.cc]) {
    const [local = '', domain = ''] = address.split('@');
    const plus = local.indexOf('+');
    if (plus < 0) continue;
    const base = `${local.slice(0, plus)}@${domain}`;
    const token = local.slice(plus + 1);
    if (supportAddresses.has(base) && TOKEN.test(token)) return token;
  }
  return undefined;
}

export function subjectTicketNumberOf(subject: string): string | undefined {
  return ticketNumberTokenOf(subject);
}

/** Everything a message offers to find its ticket; resolving them against stored ids happens later. */
export function threadingKeysOf(email: ParsedEmail, supportAddresses: ReadonlySet<string>): ThreadingKeys {
  const references = [...email.references].reverse();
  const ids = email.inReplyTo ? [email.inReplyTo, ...references] : references;
  return {
    replyToken: replyTokenOf(email, supportAddresses),
    referencedMessageIds: [...new Set(ids)],
    subjectTicketNumber: subjectTicketNumberOf(email.subject),
  };
}
