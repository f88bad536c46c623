import { decodeTicketEvent, timestampDate, type TicketEvent } from '@switchboard/contracts';
import type { IncomingRecord, Rejection } from '@switchboard/messaging';
import type { SlaInputEvent } from './update-ticket-clocks.use-case';
import type { SlaTicketEvent } from './track-ticket';

/** What one ticket event means for the clocks; undefined for events that cannot move them (our own included). */
export function slaEventOf(event: TicketEvent): SlaTicketEvent | undefined {
  const at = event.occurredAt ? timestampDate(event.occurredAt) : new Date();
  const p = event.payload;
  switch (p.case) {
    case 'created':
      return { kind: 'created', at };
    case 'messageAppended':
      if (p.value.direction === 'inbound' || p.value.direction === 'outbound')
        return { kind: 'message', direction: p.value.direction, at };
      return undefined;
    case 'statusChanged':
      return { kind: 'status', to: p.value.to, at };
    case 'transferred':
      return { kind: 'status', to: p.value.toAgentId === '' ? 'new' : 'assigned', at };
    case 'assigned':
      return { kind: 'assigned', at };
    case 'merged':
      return p.value.intoTicketId !== '' ? { kind: 'merged', at } : { kind: 'touched', at };
    case 'fieldsChanged':
    case 'queued':
    case 'reopened':
    case 'reviewDecided':
    case 'archived':
      return { kind: 'touched', at };
    case 'slaWarning':
    case 'slaBreached':
    case 'slaRecomputed':
    case 'linked':
    case 'split':
    case 'csatReceived':
    case 'appointmentChanged':
    case undefined:
      return undefined;
  }
}

/** A batch of ticket.events.v1 records as SLA input; undecodable records are refused (to the DLQ). */
export function slaInputOf(records: readonly IncomingRecord[]): { events: SlaInputEvent[]; rejected: Rejection[] } {
  const events: SlaInputEvent[] = [];
  const rejected: Rejection[] = [];
  for (const record of records) {
    let decoded: TicketEvent;
    try {
      decoded = decodeTicketEvent(record.value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      rejected.push({ record, error: new Error(`undecodable TicketEvent: ${reason}`) });
      continue;
    }
    const event = slaEventOf(decoded);
    if (event && decoded.ticketId !== '') events.push({ eventId: decoded.eventId, ticketId: decoded.ticketId, event });
  }
  return { events, rejected };
}
