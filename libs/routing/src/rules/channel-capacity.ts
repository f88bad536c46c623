/**
 * How many open tickets of a real-time channel an agent holds at once unless their own setting says
 * otherwise: one call at a time, a few chats. Channels not listed (email, web, API) are limited by
 * the agent's total capacity only. Never more than the total.
 */
const DEFAULT_CHANNEL_CAPACITY: Readonly<Record<string, number>> = {
  voice: 1,
  wechat: 5,
  sms: 5,
};

export function defaultChannelCapacity(channel: string, totalCapacity: number): number {
  return Math.min(DEFAULT_CHANNEL_CAPACITY[channel] ?? totalCapacity, totalCapacity);
}

/** The channels an agent's capacity can be set for. */
export const CAPACITY_CHANNELS = ['voice', 'wechat', 'sms', 'web', 'email', 'api'];

/** Every channel's capacity for an agent: their own setting, else the default. */
export function channelCapacities(
  totalCapacity: number,
  own: Readonly<Record<string, number>>,
): Record<string, number> {
  return Object.fromEntries(CAPACITY_CHANNELS.map((c) => [c, own[c] ?? defaultChannelCapacity(c, totalCapacity)]));
}
