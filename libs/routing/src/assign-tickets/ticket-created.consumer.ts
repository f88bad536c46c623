import { channelName, decodeTicketEvent, timestampDate } from '@switchboard/contracts';
import type { BatchHandler, BatchResult, Rejection } from '@switchboard/messaging';
import type { AssignTicketsUseCase, TicketToRoute } from './assign-tickets.use-case';

/** The routing service's `ticket.events.v1` consumer: routes every TicketCreated, ignores the rest. */
export function ticketCreatedHandler(useCase: AssignTicketsUseCase): BatchHandler {
  return async (records): Promise<BatchResult> => {
    const tickets: TicketToRoute[] = [];
    const rejected: Rejection[] = [];
    for (const record of records) {
      let event;
      try {
        event = decodeTicketEvent(record.value);
      } catch (error) {
        rejected.push({
          record,
          error: new Error(`undecodable TicketEvent: ${error instanceof Error ? error.message : String(error)}`),
        });
        continue;
      }
      if (event.payload.case !== 'created') continue;
      const created = event.payload.value;
      tickets.push({
        tenantSlug: event.tenant,
        ticketId: event.ticketId,
        customerId: created.customerId,
        category: created.category,
        tier: created.tier,
        region: created.region,
        channel: channelName(created.channel) ?? '',
        language: created.language,
        subject: created.subject,
        ...(event.occurredAt ? { receivedAt: timestampDate(event.occurredAt) } : {}),
      });
    }
    if (tickets.length > 0) await useCase.execute(tickets);
    return { rejected };
  };
}
