import { TICKET_STATUSES } from '@switchboard/tickets';
import { z } from 'zod';

const reason = z.string().trim().min(1).max(2000);

/** POST /api/v1/tickets/:ref/status */
export const changeStatusBodySchema = z.object({
  status: z.enum(TICKET_STATUSES),
  reason: reason.optional(),
});

/** POST /api/v1/tickets/:ref/assign */
export const assignBodySchema = z.object({ agentId: z.uuid() });

/** POST /api/v1/tickets/:ref/transfer */
export const transferBodySchema = z.object({
  teamId: z.uuid(),
  agentId: z.uuid().optional(),
  reason,
});

/** POST /api/v1/tickets/:ref/review: a rejection must say why. */
export const reviewBodySchema = z
  .object({ decision: z.enum(['approve', 'reject']), reason: reason.optional() })
  .superRefine((body, ctx) => {
    if (body.decision === 'reject' && body.reason === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'A rejection needs a reason.',
        params: { reason: 'required' },
      });
    }
  });
