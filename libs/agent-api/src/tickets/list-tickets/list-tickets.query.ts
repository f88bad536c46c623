import { z } from 'zod';
import { decodeTicketCursor } from '../ticket-cursor';

export const DEFAULT_TICKET_PAGE_SIZE = 50;
export const MAX_TICKET_PAGE_SIZE = 200;

export type AssigneeParam =
  { readonly kind: 'me' } | { readonly kind: 'unassigned' } | { readonly kind: 'agent'; readonly agentId: string };

const assigneeSchema = z.string().transform((value, ctx): AssigneeParam => {
  if (value === 'me' || value === 'unassigned') return { kind: value };
  if (z.uuid().safeParse(value).success) return { kind: 'agent', agentId: value.toLowerCase() };
  ctx.addIssue({
    code: 'custom',
    message: 'Use me, unassigned or an agent id.',
    params: { reason: 'invalid_assignee' },
  });
  return z.NEVER;
});

const cursorSchema = z.string().transform((encoded, ctx) => {
  const cursor = decodeTicketCursor(encoded);
  if (cursor) return cursor;
  ctx.addIssue({
    code: 'custom',
    message: 'Use the nextCursor of a previous page.',
    params: { reason: 'invalid_cursor' },
  });
  return z.NEVER;
});

/** GET /api/v1/tickets query string. */
export const listTicketsQuerySchema = z.object({
  assignee: assigneeSchema.optional(),
  // Statuses belong to the ticket service; any lowercase word is accepted and simply filters.
  status: z
    .string()
    .regex(/^[a-z][a-z_]{0,31}$/, 'A lowercase status such as in_progress.')
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_TICKET_PAGE_SIZE).default(DEFAULT_TICKET_PAGE_SIZE),
  before: cursorSchema.optional(),
});

export type ListTicketsQuery = z.output<typeof listTicketsQuerySchema>;
