import { classifyKeyword, type KeywordAction, type KeywordSet } from '../opt-out/opt-out-keywords';
import { quotedTicketNumberOf } from './quoted-ticket-number';

/**
 * What an inbound text is for. Keywords never become tickets; a text that is only a ticket number
 * (or "status SB-000123", "查询 SB-000123") asks for that ticket's status; a lone digit 1–5 answers a
 * pending satisfaction prompt; everything else is a message for the ticket.
 */
export type SmsIntent =
  | { readonly kind: KeywordAction }
  | { readonly kind: 'status_query'; readonly ticketNumber: string }
  | { readonly kind: 'csat_rating'; readonly rating: 1 | 2 | 3 | 4 | 5 }
  | { readonly kind: 'message'; readonly ticketNumber?: string | undefined };

const STATUS_WORDS = /^(?:status|state|ticket|查询|状态|进度|工单)?[\s:：#]*$/iu;
const RATING = /^\s*([1-5])\s*[.!。！]?\s*$/u;

export interface SmsIntentContext {
  readonly keywords?: KeywordSet;
  readonly optOutType?: string | undefined;
  /** The number was sent a satisfaction prompt that is still open (known to the self-service domain). */
  readonly csatPending: boolean;
}

export function classifySmsIntent(body: string, ctx: SmsIntentContext): SmsIntent {
  const keyword = classifyKeyword(body, ctx.keywords, ctx.optOutType);
  if (keyword) return { kind: keyword };
  const rating = RATING.exec(body)?.[1];
  if (rating && ctx.csatPending) return { kind: 'csat_rating', rating: Number(rating) as 1 | 2 | 3 | 4 | 5 };
  const ticketNumber = quotedTicketNumberOf(body);
  if (ticketNumber) {
    const rest = body.replace(new RegExp(ticketNumber.replace('-', '\\-'), 'i'), '').replace(/[[\]]/g, '');
    if (STATUS_WORDS.test(rest.trim())) return { kind: 'status_query', ticketNumber };
  }
  return { kind: 'message', ticketNumber };
}
