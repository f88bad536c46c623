import { Topics, decodeInboundReceipt, decodeTicketEvent } from '@switchboard/contracts';
import type { Subscription, Transport } from '@switchboard/messaging';

/**
 * Watches the pipeline's outputs: receipts map message → ticket, `assigned` events mark the end of a
 * message's trip. Records when each step was seen, on this process's clock.
 */
export class PipelineObserver {
  readonly ticketOfMessage = new Map<string, string>();
  readonly assignedAt = new Map<string, number>();
  readonly queued = new Set<string>();
  private subscriptions: Subscription[] = [];

  async start(transport: Transport, group: string): Promise<void> {
    this.subscriptions = await Promise.all([
      transport.subscribe({
        topic: Topics.inboundReceipts,
        groupId: `${group}-receipts`,
        maxBatchSize: 2_000,
        handler: async (records) => {
          for (const r of records) {
            const receipt = decodeInboundReceipt(r.value);
            this.ticketOfMessage.set(receipt.messageId, receipt.ticketId);
          }
        },
      }),
      transport.subscribe({
        topic: Topics.ticketEvents,
        groupId: `${group}-events`,
        maxBatchSize: 2_000,
        handler: async (records) => {
          const now = performance.now();
          for (const r of records) {
            const event = decodeTicketEvent(r.value);
            if (event.payload.case === 'assigned') this.assignedAt.set(event.ticketId, now);
            if (event.payload.case === 'queued') this.queued.add(event.ticketId);
          }
        },
      }),
    ]);
  }

  done(expected: number): boolean {
    return this.assignedAt.size + this.queued.size >= expected;
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.close()));
  }
}
