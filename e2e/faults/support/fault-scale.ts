/**
 * How many messages a fault scenario sends: FAULT_MESSAGES when set (`npm run faults` sends 100,000),
 * else a count that keeps the suite within CI's time budget. The rate scales with it.
 */
export function faultScale(ciMessages: number, ciPerSecond: number): { messages: number; perSecond: number } {
  const requested = Number(process.env['FAULT_MESSAGES'] ?? '');
  if (!Number.isInteger(requested) || requested <= 0) return { messages: ciMessages, perSecond: ciPerSecond };
  return { messages: requested, perSecond: Number(process.env['FAULT_RATE'] ?? '') || ciPerSecond * 4 };
}

/** How long to wait for the pipeline to settle: generous, proportional to the messages sent. */
export const settleTimeoutMs = (messages: number): number => 120_000 + messages * 5;
