import { z } from 'zod';
import { openApiSchemaOf } from '@switchboard/http';
import { submitWebFormSchema } from '../submit-web-form/submit-web-form.command';

/** What the route accepts: the form's fields plus the ticket type's `fields` (checked by the ticket service). */
export const submissionRequestDoc = openApiSchemaOf(
  submitWebFormSchema.extend({
    fields: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Ticket-type field values by snake_case name; a form sends them as fields[name].'),
  }),
);

const fieldProblem = z.object({ field: z.string(), reason: z.string(), message: z.string() });

/** A submission's answer (201, 200, 202) and the status route's (200, also `rejected`). */
export const submissionAnswerDoc = openApiSchemaOf(
  z.object({
    status: z.enum(['created', 'appended', 'duplicate', 'accepted', 'rejected']),
    messageId: z.string(),
    ticketNumber: z.string().optional(),
    ticketId: z.string().optional(),
    statusUrl: z.string().optional().describe('Only with status accepted: where the outcome will show.'),
    reason: z.string().optional().describe('Only with status rejected: the ticket service reject_reason.'),
    fields: z.array(fieldProblem).optional(),
  }),
);
