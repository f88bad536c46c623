import { z } from 'zod';

const text = (max: number) => z.string().max(max);

/**
 * What an integrator POSTs to an API channel's inbound URL. `messageId` is the integrator's own id
 * (the idempotency key: a retry with the same id is stored once); `conversationId` threads messages
 * onto one ticket. Attachments are URLs the integrator hosts; their bytes are not fetched here.
 */
export const apiInboundSchema = z.object({
  messageId: z.string().trim().min(1).max(200),
  conversationId: z.string().trim().min(1).max(200),
  customer: z
    .object({
      id: z.string().trim().min(1).max(200),
      name: text(200).optional(),
      email: z.email().max(320).optional(),
      phone: z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +8613800138000')
        .optional(),
    })
    .strict(),
  subject: text(500).optional(),
  text: z.string().min(1).max(20_000),
  attachments: z
    .array(
      z
        .object({
          url: z.url({ protocol: /^https?$/ }),
          name: text(255).optional(),
          contentType: text(255).optional(),
          sizeBytes: z.number().int().nonnegative().optional(),
        })
        .strict(),
    )
    .max(20)
    .optional(),
  hints: z
    .object({
      category: text(100).optional(),
      region: text(100).optional(),
      language: text(35).optional(),
      ticketNumber: text(50).optional(),
      ticketType: text(100).optional(),
    })
    .strict()
    .optional(),
  metadata: z.record(z.string().max(100), z.string().max(1_000)).optional(),
});

export type ApiInbound = z.infer<typeof apiInboundSchema>;
