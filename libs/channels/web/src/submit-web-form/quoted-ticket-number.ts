import { ticketNumberTokenOf } from '@switchboard/contracts';

/** A bare number in the subject as we print it (upper-case prefix, at least six digits): "Re: SB-000123". */
const BARE_IN_SUBJECT = /(?:^|[^A-Za-z0-9-])([A-Z][A-Z0-9]{0,9}-\d{6,12})(?![A-Za-z0-9-])/;

/**
 * The ticket number a customer quoted when following up through the form, if any: the `[#…]` token
 * in the subject or message, else a bare number in the subject. Only a hint: the ticket service
 * threads onto it only when that ticket exists and belongs to the same customer.
 */
export function quotedTicketNumber(subject: string, message: string): string | undefined {
  return ticketNumberTokenOf(subject) ?? ticketNumberTokenOf(message) ?? BARE_IN_SUBJECT.exec(subject)?.[1];
}
