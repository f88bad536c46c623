import { ticketNumberTokenOf } from '@switchboard/contracts';

/** A number as customers copy it from our texts, "SB-000123", anywhere in the message. */
const BARE = /(?:^|[^A-Za-z0-9-])([A-Za-z][A-Za-z0-9]{0,9}-\d{6,12})(?![A-Za-z0-9-])/;

/** The ticket number a text quotes, upper-cased: the `[#…]` token first, else a bare number. */
export function quotedTicketNumberOf(text: string): string | undefined {
  return ticketNumberTokenOf(text) ?? BARE.exec(text)?.[1]?.toUpperCase();
}
