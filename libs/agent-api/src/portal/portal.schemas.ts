import { PORTAL_UPLOAD_LIMITS } from '@switchboard/contracts';
import { z } from 'zod';

const TICKET_NUMBER = /^[A-Za-z][A-Za-z0-9]{0,15}-\d{1,18}$/;
const number = z.string().trim().regex(TICKET_NUMBER, 'Use the ticket number, such as SB-000123.');

export const portalTenantParamsSchema = z.object({ tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
export const portalTicketParamsSchema = z.object({ number });
export const portalAttachmentParamsSchema = z.object({
  number,
  messageId: z.uuid().transform((id) => id.toLowerCase()),
  index: z.coerce.number().int().min(0).max(999),
});
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

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const { files, totalBytes } = PORTAL_UPLOAD_LIMITS;

/** A file as JSON carries it: base64 of the bytes, decoded here. */
const uploadedFileSchema = z
  .object({
    name: z.string().min(1).max(1_000),
    contentType: z.string().max(255).default('application/octet-stream'),
    contentBase64: z
      .string()
      .max(Math.ceil(totalBytes / 3) * 4)
      .regex(BASE64, 'Base64 of the file.'),
  })
  .strict()
  .transform(({ name, contentType, contentBase64 }) => ({
    name,
    contentType,
    content: Buffer.from(contentBase64, 'base64'),
  }));

/** The route's body limit: the files as base64 plus the text, with room for the JSON around them. */
export const FOLLOW_UP_BODY_LIMIT = Math.ceil(totalBytes / 3) * 4 + 256 * 1024;

export const followUpBodySchema = z
  .object({
    clientMessageId: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, 'An id of 8 to 128 letters, digits or ._:-'),
    bodyText: z.string().trim().max(20_000).default(''),
    attachments: z.array(uploadedFileSchema).max(files, `At most ${files} files.`).default([]),
  })
  .strict()
  // A transform, not a refinement: it runs only on a body whose files decoded.
  .transform((body, context) => {
    if (body.bodyText === '' && body.attachments.length === 0)
      context.addIssue({ code: 'custom', path: ['bodyText'], message: 'Write your message.' });
    const size = body.attachments.reduce((sum, file) => sum + file.content.length, 0);
    if (size > totalBytes)
      context.addIssue({
        code: 'custom',
        path: ['attachments'],
        message: `The files come to ${size} bytes; at most ${totalBytes} in one message.`,
      });
    return body;
  });

const rating = {
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2_000).default(''),
};
export const rateBodySchema = z.object(rating).strict();
export const rateWithLinkBodySchema = z.object({ token: z.string().min(10).max(2_000), ...rating }).strict();
