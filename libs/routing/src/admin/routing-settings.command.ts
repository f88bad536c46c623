import { z } from 'zod';
import { CAPACITY_CHANNELS } from '../rules/channel-capacity';

const seats = z.number().int().min(0).max(1_000);

/** A team's routing: how its agents are chosen, and where its queue overflows after how long. */
export const teamRoutingSchema = z
  .object({
    strategy: z.enum(['least_loaded', 'round_robin', 'sticky']),
    overflowTeamId: z.uuid().nullable().default(null),
    overflowAfterSeconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600)
      .nullable()
      .default(null),
  })
  .strict()
  .refine((t) => (t.overflowTeamId === null) === (t.overflowAfterSeconds === null), {
    message: 'overflowTeamId and overflowAfterSeconds go together',
    path: ['overflowAfterSeconds'],
  });

export type TeamRouting = z.output<typeof teamRoutingSchema>;

/** An agent's capacity: open tickets in all, and per channel (channels left out use the defaults). */
export const agentCapacitySchema = z
  .object({
    capacity: seats,
    channelCapacity: z
      .record(z.string(), seats)
      .refine((channels) => Object.keys(channels).every((c) => CAPACITY_CHANNELS.includes(c)), {
        message: `channels are ${CAPACITY_CHANNELS.join(', ')}`,
      })
      .default({}),
  })
  .strict();

export type AgentCapacity = z.output<typeof agentCapacitySchema>;
