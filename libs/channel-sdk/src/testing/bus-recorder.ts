import {
  decodeDeliveryReport,
  decodeInboundMessage,
  dlqTopicOf,
  Headers,
  Topics,
  type DeliveryReport,
  type InboundMessage,
} from '@switchboard/contracts';
import type { InProcessTransport, Subscription } from '@switchboard/messaging';

export interface DeadLetterSeen {
  readonly error: string;
  readonly attempts: string;
}

/** Everything the adapter put on the bus that the suite asserts on. */
export class BusRecorder {
  readonly inbound: InboundMessage[] = [];
  readonly reports: DeliveryReport[] = [];
  readonly deadLetters: DeadLetterSeen[] = [];
  readonly #subscriptions: Subscription[] = [];

  static async start(transport: InProcessTransport, outboundTopic: string): Promise<BusRecorder> {
    const bus = new BusRecorder();
    const group = `conformance-${Math.random().toString(36).slice(2)}`;
    bus.#subscriptions.push(
      await transport.subscribe({
        topic: Topics.inboundMessages,
        groupId: group,
        handler: async (records) => void bus.inbound.push(...records.map((r) => decodeInboundMessage(r.value))),
      }),
      await transport.subscribe({
        topic: Topics.outboundStatus,
        groupId: group,
        handler: async (records) => void bus.reports.push(...records.map((r) => decodeDeliveryReport(r.value))),
      }),
      await transport.subscribe({
        topic: dlqTopicOf(outboundTopic),
        groupId: group,
        handler: async (records) =>
          void bus.deadLetters.push(
            ...records.map((r) => ({
              error: r.headers[Headers.dlqError] ?? '',
              attempts: r.headers[Headers.dlqAttempts] ?? '',
            })),
          ),
      }),
    );
    return bus;
  }

  inboundWith(channelMessageIdPart: string): InboundMessage[] {
    return this.inbound.filter((m) => m.channelMessageId.includes(channelMessageIdPart));
  }

  async stop(): Promise<void> {
    await Promise.all(this.#subscriptions.map((s) => s.close()));
  }
}

/** Polls a condition the bus will make true; fails with what it waited for. Counts turns, not time. */
export async function eventually(check: () => boolean, what: string, turns = 400): Promise<void> {
  for (let i = 0; i < turns && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`never happened: ${what}`);
}

/** Lets the bus run a little so that something that should not happen would have. */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setTimeout(resolve, 5));
}
