import {
  InboundReceiptSchema,
  InboundReceipt_Outcome,
  Topics,
  create,
  decodeInboundMessage,
  encodeInboundReceipt,
  type InboundMessage,
  type InboundReceipt,
} from '@switchboard/contracts';
import type { IncomingRecord, Subscription, Transport } from '@switchboard/messaging';

export interface PublishedMessage {
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly message: InboundMessage;
}

/** Tenants the fake refuses, and with which reason. */
const REJECTED_TENANTS: Readonly<Record<string, string>> = { nope: 'unknown_tenant', frozen: 'tenant_suspended' };

/**
 * A stand-in for the ticket service in tests: consumes inbound messages from the same transport and
 * answers with receipts — CREATED the first time a (tenant, channel_message_id) is seen, DUPLICATE
 * after, REJECTED for the tenants above. `silent` makes it swallow messages without answering.
 */
export class FakeTicketService {
  readonly seen: PublishedMessage[] = [];
  /** Every receipt sent, by message id: what the ticket service keeps in inbound_receipts. */
  readonly stored = new Map<string, InboundReceipt>();
  silent = false;
  private readonly tickets = new Map<string, { readonly ticketId: string; readonly ticketNumber: string }>();
  private subscription: Subscription | undefined;
  private waiters: (() => void)[] = [];

  constructor(private readonly transport: Transport) {}

  async start(): Promise<void> {
    this.subscription = await this.transport.subscribe({
      topic: Topics.inboundMessages,
      groupId: 'fake-ticket-service',
      handler: async (records) => {
        const receipts = records.map((record) => this.handle(record));
        for (const wake of this.waiters.splice(0)) wake();
        const answers = receipts.filter((r): r is InboundReceipt => r !== undefined);
        for (const r of answers) if (!this.stored.has(r.messageId)) this.stored.set(r.messageId, r);
        if (answers.length > 0) {
          await this.transport.publish(
            Topics.inboundReceipts,
            answers.map((r) => ({ key: r.messageId, value: encodeInboundReceipt(r) })),
          );
        }
      },
    });
  }

  /** Resolves once the fake has consumed at least `count` messages. */
  async consumed(count: number): Promise<readonly PublishedMessage[]> {
    while (this.seen.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.seen;
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }

  receiptFor(message: InboundMessage): InboundReceipt {
    const base = {
      messageId: message.messageId,
      tenant: message.tenant,
      channel: message.channel,
      channelMessageId: message.channelMessageId,
    };
    const rejectReason = REJECTED_TENANTS[message.tenant];
    if (rejectReason) {
      return create(InboundReceiptSchema, {
        ...base,
        outcome: InboundReceipt_Outcome.REJECTED,
        rejectReason,
        rejectDetail: `refused: ${rejectReason}`,
      });
    }
    const id = `${message.tenant}/${message.channelMessageId}`;
    const existing = this.tickets.get(id);
    if (existing)
      return create(InboundReceiptSchema, { ...base, ...existing, outcome: InboundReceipt_Outcome.DUPLICATE });
    const ticket = {
      ticketId: `ticket-${this.tickets.size + 1}`,
      ticketNumber: `SB-${String(this.tickets.size + 1).padStart(6, '0')}`,
    };
    this.tickets.set(id, ticket);
    return create(InboundReceiptSchema, { ...base, ...ticket, outcome: InboundReceipt_Outcome.TICKET_CREATED });
  }

  private handle(record: IncomingRecord): InboundReceipt | undefined {
    const message = decodeInboundMessage(record.value);
    this.seen.push({ key: record.key, headers: record.headers, message });
    return this.silent ? undefined : this.receiptFor(message);
  }
}
