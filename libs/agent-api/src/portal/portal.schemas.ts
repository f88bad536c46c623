import { z } from 'zod';

const TICKET_NUMBER = /^[A-Za-z][A-Za-z0-9]{0,15}-\d{1,18}$/;
const number = z.string().trim().regex(TICKET_NUMBER, 'Use the ticket number, such as SB-000123.');

export const portalTenantParamsSchema = z.object({ tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
export const portalTicketParamsSchema = z.object({ number });
export const portalSubmissionParamsSchema = portalTenantParamsSchema.extend({ messageId: z.uuid() });

export const requestCodeBodySchema = z.object({ number }).strict();
export const verifyCodeBodySchema = z
  .object({
    number,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'Six digits.'),
  })
  .strict();
export const openLinkBodySchema = z.object({ token: z.string().min(10).max(2_000) }).strict();

export const followUpBodySchema = z
  .object({
    clientMessageId: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, 'An id of 8 to 128 letters, digits or ._:-'),
    bodyText: z.string().trim().min(1, 'Write your message.').max(20_000),
  })
  .strict();

const rating = {
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2_000).default(''),
};
export const rateBodySchema = z.object(rating).strict();
export const rateWithLinkBodySchema = z.object({ token: z.string().min(10).max(2_000), ...rating }).strict();
