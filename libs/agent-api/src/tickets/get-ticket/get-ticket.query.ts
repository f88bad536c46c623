import { z } from 'zod';
import type { TicketRef } from '../ticket-read.repository';

const TICKET_NUMBER = /^[A-Za-z][A-Za-z0-9]{0,15}-\d{1,18}$/;

function parseTicketRef(ref: string): TicketRef | undefined {
  if (z.uuid().safeParse(ref).success) return { kind: 'id', id: ref.toLowerCase() };
  if (TICKET_NUMBER.test(ref)) return { kind: 'number', number: ref };
  return undefined;
}

/** GET /api/v1/tickets/:ref path: a ticket id (uuid) or number (SB-000123). */
export const getTicketParamsSchema = z.object({
  ref: z.string().transform((value, ctx) => {
    const ref = parseTicketRef(value);
    if (ref) return ref;
    ctx.addIssue({
      code: 'custom',
      message: 'Use a ticket id or number such as SB-000123.',
      params: { reason: 'invalid_ticket_ref' },
    });
    return z.NEVER;
  }),
});

export type GetTicketParams = z.output<typeof getTicketParamsSchema>;
