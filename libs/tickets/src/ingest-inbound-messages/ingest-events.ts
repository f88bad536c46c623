import { MessageAppendedSchema, TicketCreatedSchema, channelFromName, create } from '@switchboard/contracts';
import type { AuditEvent } from '../shared/audit-event';
import type { PlannedWrite } from './ingest.writer';

/** The audit events of an ingest: `created` for a new ticket (with its first message), `message_appended` for a follow-up. */
export function ingestEvents(writes: readonly PlannedWrite[], newId: () => string): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const { decision, messageRowId, customer } of writes) {
    const { message, ticket } = decision;
    const base = {
      tenantId: ticket.tenantId,
      tenantSlug: message.tenantSlug,
      ticketId: ticket.id,
      actor: { kind: 'customer' as const, id: customer.id },
      occurredAt: message.receivedAt,
    };
    if (decision.kind === 'create') {
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
      events.push({
        ...base,
        id: newId(),
        type: 'created',
        data: { ...created, channel: message.channel, channelMessageId: message.channelMessageId },
        payload: { case: 'created', value: create(TicketCreatedSchema, created) },
      });
      continue;
    }
    events.push({
      ...base,
      id: newId(),
      type: 'message_appended',
      data: {
        messageId: messageRowId,
        channel: message.channel,
        direction: 'inbound',
        channelMessageId: message.channelMessageId,
      },
      payload: {
        case: 'messageAppended',
        value: create(MessageAppendedSchema, {
          messageId: messageRowId,
          channel: channelFromName(message.channel),
          direction: 'inbound',
        }),
      },
    });
  }
  return events;
}
