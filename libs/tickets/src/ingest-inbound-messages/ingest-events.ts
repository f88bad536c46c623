import {
  MessageAppendedSchema,
  StatusChangedSchema,
  TicketCreatedSchema,
  TicketLinkedSchema,
  TicketReopenedSchema,
  channelFromName,
  create,
} from '@switchboard/contracts';
import type { AuditEvent } from '../shared/audit-event';
import type { PlannedWrite } from './ingest.writer';

type EventBase = Omit<AuditEvent, 'id' | 'type' | 'data' | 'payload'>;

/** The reason recorded when a customer's message brings a resolved or closed ticket back. */
export const REOPEN_REASON = 'customer_message';

function createdEvent(write: PlannedWrite, base: EventBase, newId: () => string): AuditEvent {
  const { decision, messageRowId, customer } = write;
  const { message, ticket } = decision;
  const created = {
    number: ticket.number,
    customerId: customer.id,
    channel: channelFromName(message.channel),
    subject: message.subject,
    category: message.category ?? '',
    priority: message.priority,
    tier: customer.tier,
    region: message.region ?? customer.region ?? '',
    language: message.language ?? '',
    conversationKey: message.conversationKey,
    firstMessageId: messageRowId,
  };
  return {
    ...base,
    id: newId(),
    type: 'created',
    data: { ...created, channel: message.channel, channelMessageId: message.channelMessageId },
    payload: { case: 'created', value: create(TicketCreatedSchema, created) },
  };
}

function followUpEvents(ticketId: string, followsId: string, base: EventBase, newId: () => string): AuditEvent[] {
  const link = (own: string, other: string, kind: string): AuditEvent => ({
    ...base,
    ticketId: own,
    id: newId(),
    type: 'linked',
    data: { before: null, after: { otherTicketId: other, kind }, reason: REOPEN_REASON },
    payload: { case: 'linked', value: create(TicketLinkedSchema, { otherTicketId: other, kind, removed: false }) },
  });
  return [link(ticketId, followsId, 'follow_up_of'), link(followsId, ticketId, 'followed_up_by')];
}

function reopenEvents(from: string, messageRowId: string, base: EventBase, newId: () => string): AuditEvent[] {
  return [
    {
      ...base,
      id: newId(),
      type: 'status_changed',
      data: {
        before: { status: from },
        after: { status: 'in_progress' },
        reason: REOPEN_REASON,
        messageId: messageRowId,
      },
      payload: {
        case: 'statusChanged',
        value: create(StatusChangedSchema, { from, to: 'in_progress', reason: REOPEN_REASON }),
      },
    },
    {
      ...base,
      id: newId(),
      type: 'reopened',
      data: { reopenedFrom: from, reason: REOPEN_REASON, messageId: messageRowId },
      payload: { case: 'reopened', value: create(TicketReopenedSchema, { reason: REOPEN_REASON }) },
    },
  ];
}

function appendedEvent(write: PlannedWrite, base: EventBase, newId: () => string): AuditEvent {
  const { decision, messageRowId } = write;
  const { message } = decision;
  return {
    ...base,
    id: newId(),
    type: 'message_appended',
    data: {
      messageId: messageRowId,
      channel: message.channel,
      direction: 'inbound',
      channelMessageId: message.channelMessageId,
      threadedBy: decision.kind === 'append' ? decision.reason : 'conversation',
      ...(decision.kind === 'append' && decision.reason === 'near_duplicate' ? { near_duplicate: true } : {}),
    },
    payload: {
      case: 'messageAppended',
      value: create(MessageAppendedSchema, {
        messageId: messageRowId,
        channel: channelFromName(message.channel),
        direction: 'inbound',
      }),
    },
  };
}

/**
 * The audit events of an ingest: `created` for a new ticket (with its first message) plus `linked`
 * on both tickets when it follows up a closed one; `message_appended` for a follow-up, preceded by
 * `status_changed` and `reopened` when the message reopened its ticket.
 */
export function ingestEvents(writes: readonly PlannedWrite[], newId: () => string): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const write of writes) {
    const { decision, messageRowId, customer } = write;
    const base: EventBase = {
      tenantId: decision.ticket.tenantId,
      tenantSlug: decision.message.tenantSlug,
      ticketId: decision.ticket.id,
      actor: { kind: 'customer', id: customer.id },
      source: 'channel',
      occurredAt: decision.message.receivedAt,
    };
    if (decision.kind === 'create') {
      events.push(createdEvent(write, base, newId));
      if (decision.followUpOf) events.push(...followUpEvents(decision.ticket.id, decision.followUpOf.id, base, newId));
      continue;
    }
    if (decision.reopenedFrom !== null) events.push(...reopenEvents(decision.reopenedFrom, messageRowId, base, newId));
    events.push(appendedEvent(write, base, newId));
  }
  return events;
}
