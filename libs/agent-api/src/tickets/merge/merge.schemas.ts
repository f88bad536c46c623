import { z } from 'zod';
import { manualLinkKinds } from '@switchboard/tickets';
import { getTicketParamsSchema } from '../get-ticket/get-ticket.query';

const ticketRef = getTicketParamsSchema.shape.ref;

/** POST /tickets/:ref/merge: the ticket to absorb into :ref. */
export const mergeBodySchema = z.strictObject({ sourceTicket: ticketRef });

/** POST /tickets/:ref/split: the messages that move to the new ticket, and its subject (the original's by default). */
export const splitBodySchema = z.strictObject({
  messageIds: z.array(z.uuid()).min(1).max(1000),
  subject: z.string().trim().min(1).max(500).optional(),
});

const linkKind = z.enum(manualLinkKinds);

/** POST /tickets/:ref/links: ":ref is `kind` of `ticket`". */
export const linkBodySchema = z.strictObject({ ticket: ticketRef, kind: linkKind });

/** DELETE /tickets/:ref/links/:other/:kind */
export const unlinkParamsSchema = z.object({ ref: ticketRef, other: ticketRef, kind: linkKind });
