import { z } from 'zod';
import { getTicketParamsSchema } from '../get-ticket/get-ticket.query';

/** GET /api/v1/tickets/:ref/messages/:messageId/attachments/:index */
export const downloadAttachmentParamsSchema = getTicketParamsSchema.extend({
  messageId: z.uuid().transform((id) => id.toLowerCase()),
  index: z.coerce.number().int().min(0).max(999),
});

export type DownloadAttachmentParams = z.output<typeof downloadAttachmentParamsSchema>;
