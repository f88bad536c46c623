import { z } from 'zod';

const fact = z.string().trim().min(1).max(100).optional();

/** The facts of a ticket that might arrive; a missing one matches no condition on it, as in real routing. */
export const dryRunRoutingCommandSchema = z
  .object({
    category: fact,
    tier: fact,
    region: fact,
    channel: fact,
    language: fact,
    ticketType: fact,
    subject: z.string().max(1_000).optional(),
    body: z.string().max(20_000).optional(),
    customFields: z
      .record(z.string().max(64), z.union([z.string().max(1_000), z.array(z.string().max(1_000)).max(100)]))
      .optional(),
    customerId: z.uuid().optional(),
    companyId: z.uuid().optional(),
    /** When the sample arrives (ISO 8601); now by default. Business-hours rules judge this instant. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export type DryRunRoutingCommand = z.output<typeof dryRunRoutingCommandSchema>;
