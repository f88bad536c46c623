import { Channel, CsatReceivedSchema, create } from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import type { AuditEvent } from '@switchboard/tickets';
import type { CustomerTicket } from '../shared/customer-ticket';

export interface Rating {
  readonly score: number;
  readonly comment: string;
}

/** The rating on the ticket's history and as CsatReceived on ticket.events.v1. */
export function csatEvent(ticket: CustomerTicket, rating: Rating, channel = 'web'): AuditEvent {
  return {
    id: newId(),
    tenantId: ticket.tenantId,
    tenantSlug: ticket.tenantSlug,
    ticketId: ticket.id,
    type: 'csat_received',
    actor: { kind: 'customer', id: ticket.customerId },
    source: 'portal',
    occurredAt: new Date(),
    data: {
      score: rating.score,
      comment: rating.comment,
      round: ticket.round,
      channel,
      agentId: ticket.assigneeId,
      teamId: ticket.teamId,
    },
    payload: {
      case: 'csatReceived',
      value: create(CsatReceivedSchema, {
        score: rating.score,
        comment: rating.comment,
        round: ticket.round,
        channel: channel === 'wechat' ? Channel.WECHAT : Channel.WEB,
        agentId: ticket.assigneeId ?? '',
        teamId: ticket.teamId ?? '',
      }),
    },
  };
}
