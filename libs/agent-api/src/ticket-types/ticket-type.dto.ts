import { z } from 'zod';
import { getTicketParamsSchema } from '../tickets/get-ticket/get-ticket.query';

const TYPE_KEY = /^[a-z0-9_-]{1,64}$/;
const typeKey = z.string().regex(TYPE_KEY, 'Type keys are 1-64 chars: a-z, 0-9, _ and -.');

/** `/api/v1/ticket-types/:key` */
export const ticketTypeParamsSchema = z.object({ key: typeKey });

/** PUT /api/v1/ticket-types/:key body; the template itself is checked by checkTemplate. */
export const saveTicketTypeSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).default(''),
    reviewRequired: z.boolean().default(false),
    reviewerRole: z.enum(['agent', 'manager', 'admin']).nullable().default(null),
    fieldSchema: z.unknown(),
    layout: z.unknown().default([]),
    enabled: z.boolean().default(true),
  })
  .refine((body) => !body.reviewRequired || body.reviewerRole !== null, {
    message: 'A type that requires review names the reviewer role.',
    path: ['reviewerRole'],
  });

export type SaveTicketTypeCommand = z.output<typeof saveTicketTypeSchema>;

/** `/api/v1/tickets/:ref/fields` */
export const ticketFieldsParamsSchema = getTicketParamsSchema;

/** PUT /api/v1/tickets/:ref/fields body: values by field name; null removes a value. */
export const updateTicketFieldsSchema = z.strictObject({
  fields: z.record(z.string().min(1).max(64), z.unknown()),
  typeKey: typeKey.optional(),
});

export type UpdateTicketFieldsCommand = z.output<typeof updateTicketFieldsSchema>;
