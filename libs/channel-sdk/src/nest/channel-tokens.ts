/** Injection tokens of one adapter's SDK wiring; the name keeps two adapters in one app apart. */
export function channelTokens(name: string) {
  return {
    adapter: `CHANNEL_ADAPTER:${name}`,
    ingress: `CHANNEL_INGRESS:${name}`,
    metrics: `CHANNEL_METRICS:${name}`,
  } as const;
}
