import { z } from 'zod';

const fact = z.string().trim().min(1).max(100).optional();

/** The facts of a ticket that might arrive; a missing one matches no condition on it, as in real routing. */
export const dryRunRoutingCommandSchema = z
  .object({ category: fact, tier: fact, region: fact, channel: fact })
  .strict();

export type DryRunRoutingCommand = z.output<typeof dryRunRoutingCommandSchema>;
