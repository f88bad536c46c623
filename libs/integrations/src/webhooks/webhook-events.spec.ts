import {
  Actor_Kind,
  create,
  CsatReceivedSchema,
  MessageAppendedSchema,
  ReviewDecidedSchema,
  StatusChangedSchema,
  TicketEventSchema,
  type TicketEvent,
} from '@switchboard/contracts';
import { actorOf, webhookEventsOf } from './webhook-events';

const event = (payload: TicketEvent['payload']): TicketEvent =>
  create(TicketEventSchema, {
    eventId: 'e1',
    tenant: 't',
    ticketId: 'k',
    actor: { kind: Actor_Kind.AGENT, id: 'a1' },
    payload,
  });

describe('ticket events → webhook events', () => {
  it('makes a resolution both a status change and ticket.resolved, and a review approval ticket.resolved', () => {
    const resolved = event({
      case: 'statusChanged',
      value: create(StatusChangedSchema, { from: 'in_progress', to: 'resolved' }),
    });
    expect(webhookEventsOf(resolved).map((w) => w.type)).toEqual(['ticket.status_changed', 'ticket.resolved']);
    const approved = event({ case: 'reviewDecided', value: create(ReviewDecidedSchema, { approved: true }) });
    expect(webhookEventsOf(approved).map((w) => w.type)).toEqual(['ticket.resolved']);
    const rejected = event({ case: 'reviewDecided', value: create(ReviewDecidedSchema, { approved: false }) });
    expect(webhookEventsOf(rejected)).toEqual([]);
  });

  it('counts agent replies, never internal notes or inbound messages, as ticket.replied', () => {
    const appended = (direction: string) =>
      webhookEventsOf(
        event({ case: 'messageAppended', value: create(MessageAppendedSchema, { messageId: 'm', direction }) }),
      );
    expect(appended('outbound').map((w) => w.type)).toEqual(['ticket.replied']);
    expect(appended('note')).toEqual([]);
    expect(appended('inbound')).toEqual([]);
  });

  it('carries the CSAT score but never the customer comment', () => {
    const csat = event({
      case: 'csatReceived',
      value: create(CsatReceivedSchema, { score: 2, comment: 'my words', round: 1 }),
    });
    const [webhook] = webhookEventsOf(csat);
    expect(webhook).toEqual({ type: 'ticket.csat_received', data: { score: 2, round: 1, agentId: '' } });
    expect(actorOf(csat)).toEqual({ kind: 'agent', id: 'a1' });
  });
});
