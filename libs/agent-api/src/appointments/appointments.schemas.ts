import { z } from 'zod';

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const local = z.string().regex(LOCAL_TIME, "The tenant's local time, YYYY-MM-DDTHH:MM.");
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{5,32}$/, 'A phone number.');

export const scheduleVisitBodySchema = z
  .object({
    technicianName: z.string().trim().min(1).max(200),
    technicianPhone: phone,
    windowStart: local,
    windowEnd: local,
    address: z.string().trim().min(1).max(1_000),
    note: z.string().trim().max(2_000).optional(),
  })
  .strict();

export const moveVisitBodySchema = scheduleVisitBodySchema
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Say what changes.');

export const cancelVisitBodySchema = z.object({ reason: z.string().trim().max(1_000).optional() }).strict();

export const appointmentParamsSchema = z.object({ appointmentId: z.uuid() });
