import { channelName, decodeTicketEvent, timestampDate, type TicketEvent } from '@switchboard/contracts';
import type { BatchResult, IncomingRecord, Rejection } from '@switchboard/messaging';
import type { AssignmentOutcome, AssignTicketsUseCase, TicketToRoute } from './assign-tickets.use-case';

/** What the routing consumer counts (the Metrics class implements it). */
export interface RoutingTally {
  routingDecisions(outcome: 'assigned' | 'queued', count: number): void;
}

function toRoute(event: TicketEvent): TicketToRoute | undefined {
  if (event.payload.case !== 'created') return undefined;
  const created = event.payload.value;
  return {
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
  };
}

export function tallyDecisions(metrics: RoutingTally, outcomes: readonly AssignmentOutcome[]): void {
  const assigned = outcomes.filter((o) => o.outcome === 'assigned').length;
  const queued = outcomes.filter((o) => o.outcome === 'queued').length;
  if (assigned > 0) metrics.routingDecisions('assigned', assigned);
  if (queued > 0) metrics.routingDecisions('queued', queued);
}

/** One `ticket.events.v1` batch: routes every TicketCreated, ignores the other events, dead-letters undecodable ones. */
export async function routeCreatedTickets(
  useCase: AssignTicketsUseCase,
  records: readonly IncomingRecord[],
  metrics: RoutingTally,
): Promise<BatchResult> {
  const tickets: TicketToRoute[] = [];
  const rejected: Rejection[] = [];
  for (const record of records) {
    let event: TicketEvent;
    try {
      event = decodeTicketEvent(record.value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      rejected.push({ record, error: new Error(`undecodable TicketEvent: ${reason}`) });
      continue;
    }
    const ticket = toRoute(event);
    if (ticket) tickets.push(ticket);
  }
  if (tickets.length > 0) tallyDecisions(metrics, await useCase.execute(tickets));
  return { rejected };
}
