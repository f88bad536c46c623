import { z } from 'zod';

/** /api/v1/routing/rules/:id path. */
export const routingRuleParamsSchema = z.object({ id: z.uuid().transform((id) => id.toLowerCase()) });
