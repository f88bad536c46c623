import { Counter, type Registry } from 'prom-client';

export type InboundOutcome = 'published' | 'duplicate' | 'refused' | 'unavailable';
export type OutboundOutcome = 'sent' | 'delivered' | 'retried' | 'dead_lettered';

/**
 * The SDK's counters, on the process's registry. Created once per registry, so that several adapters in
 * one process (the embedded server runs web and api) share them, labelled by channel.
 */
export class ChannelMetrics {
  static readonly #byRegistry = new WeakMap<Registry, ChannelMetrics>();

  private readonly inboundTotal: Counter<'channel' | 'outcome'>;
  private readonly outboundTotal: Counter<'channel' | 'outcome'>;

  private constructor(registry: Registry | undefined) {
    const registers = registry ? [registry] : [];
    this.inboundTotal = new Counter({
      name: 'channel_inbound_messages_total',
      help: 'Inbound channel messages by channel and outcome',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    });
    this.outboundTotal = new Counter({
      name: 'channel_outbound_attempts_total',
      help: 'Outbound delivery attempts by channel and outcome',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    });
  }

  static for(registry: Registry | undefined): ChannelMetrics {
    if (!registry) return new ChannelMetrics(undefined);
    const known = ChannelMetrics.#byRegistry.get(registry);
    if (known) return known;
    const metrics = new ChannelMetrics(registry);
    ChannelMetrics.#byRegistry.set(registry, metrics);
    return metrics;
  }

  inbound(channel: string, outcome: InboundOutcome, count = 1): void {
    if (count > 0) this.inboundTotal.inc({ channel, outcome }, count);
  }

  outbound(channel: string, outcome: OutboundOutcome, count = 1): void {
    if (count > 0) this.outboundTotal.inc({ channel, outcome }, count);
  }
}
