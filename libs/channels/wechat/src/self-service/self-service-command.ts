import { TICKET_NUMBER, ticketNumberTokenOf } from '@switchboard/contracts';

/** What a customer's WeChat text or menu click asks of the customer self-service domain. */
export type SelfServiceIntent =
  /** 查询 / 进度 / the lookup menu: the customer's open tickets, their status and any scheduled visit. */
  | { readonly kind: 'list_tickets' }
  /** A ticket number, alone or after 查询 / 进度: that ticket's status (if it is the customer's). */
  | { readonly kind: 'ticket_status'; readonly ticketNumber: string }
  /** 1–5 while a satisfaction prompt is pending. */
  | { readonly kind: 'csat'; readonly score: 1 | 2 | 3 | 4 | 5 }
  /** Anything else: an ordinary message for the ticket. */
  | { readonly kind: 'none' };

export interface SelfServiceContext {
  /** Whether the customer was asked to rate a resolution and has not answered: only then is "5" a score. */
  readonly csatPending: boolean;
  /** Menu keys (EventKey of a CLICK) that mean "look up my tickets". */
  readonly lookupMenuKeys?: readonly string[];
}

export const DEFAULT_LOOKUP_MENU_KEYS: readonly string[] = ['SELF_SERVICE_LOOKUP'];

const LOOKUP_WORDS = new Set([
  '查询',
  '查詢',
  '进度',
  '進度',
  '查进度',
  '查進度',
  '查询进度',
  '查詢進度',
  '我的工单',
  '我的工單',
]);

/** Full-width ASCII (what Chinese keyboards type: "５", "ＳＢ－１２") folded to half-width. */
function halfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Trailing punctuation and spaces a customer adds ("查询。", "5!", " 进度 ") do not change the command. */
function normalized(text: string): string {
  return halfWidth(text)
    .trim()
    .replace(/[\s.,!?;:~。，！？；：、…]+$/u, '')
    .replace(/^[\s#]+/, '')
    .trim();
}

const SCORE = /^([1-5])\s*(分|星)?$/;
const LOOKUP_WITH_NUMBER = /^(查询|查詢|进度|進度|查进度|查進度)\s*[:：]?\s*(\S+)$/;

function ticketNumberOf(candidate: string): string | undefined {
  const upper = candidate.toUpperCase();
  return TICKET_NUMBER.test(upper) ? upper : undefined;
}

/** The intent of a text message. Pure: the adapter calls the self-service domain with what it returns. */
export function parseSelfServiceText(text: string, context: SelfServiceContext): SelfServiceIntent {
  const command = normalized(text);
  if (command.length === 0 || command.length > 40) return { kind: 'none' };
  if (LOOKUP_WORDS.has(command)) return { kind: 'list_tickets' };
  const score = SCORE.exec(command);
  if (score) {
    return context.csatPending ? { kind: 'csat', score: Number(score[1]) as 1 | 2 | 3 | 4 | 5 } : { kind: 'none' };
  }
  const direct = ticketNumberOf(command);
  if (direct) return { kind: 'ticket_status', ticketNumber: direct };
  const withNumber = LOOKUP_WITH_NUMBER.exec(command);
  const quoted = withNumber?.[2] ? ticketNumberOf(withNumber[2]) : undefined;
  if (quoted) return { kind: 'ticket_status', ticketNumber: quoted };
  return { kind: 'none' };
}

export function parseSelfServiceMenuKey(menuKey: string, context: SelfServiceContext): SelfServiceIntent {
  const keys = context.lookupMenuKeys ?? DEFAULT_LOOKUP_MENU_KEYS;
  return keys.includes(menuKey) ? { kind: 'list_tickets' } : { kind: 'none' };
}

/** A bare number as we print it (upper-case prefix, at least six digits), as the web channel reads subjects. */
const BARE_NUMBER = /(?:^|[^A-Za-z0-9-])([A-Z][A-Z0-9]{0,9}-\d{6,12})(?![A-Za-z0-9-])/;

/**
 * A ticket number quoted in a message ("关于 SB-000123 的问题", "[#SB-000123]"), for the message's hints.
 * Only a hint: the ticket service threads onto it only when the ticket belongs to the same customer.
 */
export function quotedTicketNumberOf(text: string): string | undefined {
  const folded = halfWidth(text);
  return ticketNumberTokenOf(folded) ?? BARE_NUMBER.exec(folded)?.[1];
}
