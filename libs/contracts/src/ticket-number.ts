/**
 * Ticket numbers as the ticket service formats them: the tenant's prefix, a dash and digits
 * (`SB-000123`). Channels pass a number a customer quoted as `MessageHints.ticket_number`.
 */
export const TICKET_NUMBER = /^[A-Za-z][A-Za-z0-9]{0,9}-\d{1,12}$/;

/** `[#SB-000123]`, the token our replies put in subjects. */
const TICKET_NUMBER_TOKEN = /\[#([A-Za-z][A-Za-z0-9]{0,9}-\d{1,12})\]/;

/** The number in the first `[#…]` token of the text, upper-cased. */
export function ticketNumberTokenOf(text: string): string | undefined {
  return TICKET_NUMBER_TOKEN.exec(text)?.[1]?.toUpperCase();
}
