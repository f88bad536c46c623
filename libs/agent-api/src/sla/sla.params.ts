import { isoDateSchema } from '@switchboard/sla';
import { z } from 'zod';

/** /api/v1/sla/policies/:id and /api/v1/sla/calendars/:id paths. */
export const slaIdParamsSchema = z.object({ id: z.uuid().transform((id) => id.toLowerCase()) });

/** /api/v1/sla/calendars/:id/days/:date path. */
export const calendarDayParamsSchema = slaIdParamsSchema.extend({ date: isoDateSchema });

export type SlaIdParams = z.output<typeof slaIdParamsSchema>;
export type CalendarDayParams = z.output<typeof calendarDayParamsSchema>;
