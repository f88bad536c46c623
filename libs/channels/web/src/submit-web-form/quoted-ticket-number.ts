/** A ticket number as the ticket service formats them: the tenant's prefix, a dash, digits (`SB-000123`). */
export const TICKET_NUMBER = /^[A-Za-z][A-Za-z0-9]{0,9}-\d{1,12}$/;

/** `[#SB-000123]`, the token our replies put in subjects, anywhere in the text. */
const TOKEN = /\[#([A-Za-z][A-Za-z0-9]{0,9}-\d{1,12})\]/;
/** A bare number in the subject as we print it (upper-case prefix, at least six digits): "Re: SB-000123". */
const BARE_IN_SUBJECT = /(?:^|[^A-Za-z0-9-])([A-Z][A-Z0-9]{0,9}-\d{6,12})(?![A-Za-z0-9-])/;

/**
 * The ticket number a customer quoted when following up through the form, if any: the `[#…]` token
 * in the subject or message, else a bare number in the subject. Only a hint: the ticket service
 * threads onto it only when that ticket exists and belongs to the same customer.
 */
export function quotedTicketNumber(subject: string, message: string): string | undefined {
  const quoted = TOKEN.exec(subject)?.[1] ?? TOKEN.exec(message)?.[1] ?? BARE_IN_SUBJECT.exec(subject)?.[1];
  return quoted?.toUpperCase();
}
