import {
  Headers,
  InboundReceipt_Outcome,
  InboundReceiptSchema,
  Topics,
  channelFromName,
  create,
  encodeInboundReceipt,
  storableText,
  type ChannelName,
} from '@switchboard/contracts';
import type { OutboxEntry } from '@switchboard/persistence';
import type { IngestOutcome } from './ingest-inbound-messages.command';

const outcomes = {
  created: InboundReceipt_Outcome.TICKET_CREATED,
  appended: InboundReceipt_Outcome.APPENDED,
  duplicate: InboundReceipt_Outcome.DUPLICATE,
  rejected: InboundReceipt_Outcome.REJECTED,
} as const;

export interface ReceiptContext {
  readonly tenantId: string | null;
  readonly tenantSlug: string;
  readonly channel: ChannelName | undefined;
  readonly channelMessageId: string;
}

/** The receipt that tells the channel what became of its message, keyed by message id. */
export function receiptEntry(outcome: IngestOutcome, ctx: ReceiptContext): OutboxEntry {
  const receipt = create(InboundReceiptSchema, {
    messageId: outcome.messageId,
    tenant: ctx.tenantSlug,
    channel: ctx.channel ? channelFromName(ctx.channel) : undefined,
    channelMessageId: ctx.channelMessageId,
    outcome: outcomes[outcome.kind],
    ...(outcome.kind === 'rejected'
      ? {
          rejectReason: outcome.reason,
          rejectDetail: outcome.detail,
          fieldErrors: (outcome.fieldErrors ?? []).map(({ field, message }) => ({ field, message })),
        }
      : { ticketId: outcome.ticketId, ticketNumber: outcome.ticketNumber }),
  });
  return {
    tenantId: ctx.tenantId,
    topic: Topics.inboundReceipts,
    // A refused record's id may hold a NUL, which the outbox's text key cannot store (the payload can).
    key: storableText(outcome.messageId),
    payload: encodeInboundReceipt(receipt),
    headers: ctx.tenantId ? { [Headers.tenantId]: ctx.tenantId } : {},
  };
}
