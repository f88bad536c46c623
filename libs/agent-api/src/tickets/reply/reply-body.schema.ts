import { z } from 'zod';

/** POST /api/v1/tickets/:ref/replies body. */
export const postReplyBodySchema = z
  .object({
    bodyText: z.string().trim().min(1, 'Write the reply.').max(100_000),
    bodyHtml: z.string().max(500_000).optional(),
  })
  .strict();
