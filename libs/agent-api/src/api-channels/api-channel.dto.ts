import { z } from 'zod';

export const apiChannelInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  // Where agents' answers are POSTed, signed. http is allowed for local integrators and tests.
  outboundUrl: z.url({ protocol: /^https?$/ }).max(2_000),
});

export type ApiChannelInput = z.output<typeof apiChannelInputSchema>;

export const apiChannelParamsSchema = z.object({ id: z.uuid().transform((id) => id.toLowerCase()) });

export const apiDeliveryParamsSchema = z.object({
  id: z.uuid().transform((id) => id.toLowerCase()),
  deliveryId: z.uuid().transform((id) => id.toLowerCase()),
});

export const rotateSecretSchema = z.object({
  // How long the old secret stays valid (default API_CHANNEL_SECRET_OVERLAP_SECONDS); 0 ends it now.
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .optional(),
});

export type RotateSecretInput = z.output<typeof rotateSecretSchema>;
