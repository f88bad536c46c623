import type { TicketReference } from '../lifecycle/ticket-reference';

/** An agent's answer to the customer of a ticket (the HTTP edge validates the body). */
export interface PostReplyCommand {
  readonly ref: TicketReference;
  readonly bodyText: string;
  readonly bodyHtml?: string | undefined;
}
