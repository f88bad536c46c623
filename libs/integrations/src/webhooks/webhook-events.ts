import { Actor_Kind, channelName, timestampDate, type TicketEvent } from '@switchboard/contracts';

/** The ticket events a tenant can subscribe to, as named in the payload's `event` and the header. */
export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.assigned',
  'ticket.status_changed',
  'ticket.replied',
  'ticket.resolved',
  'ticket.sla_breached',
  'ticket.csat_received',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** One webhook event a ticket event stands for (a resolution is also a status change: two of them). */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  readonly data: Readonly<Record<string, string | number | boolean>>;
}

const actorKinds: Record<Actor_Kind, string> = {
  [Actor_Kind.UNSPECIFIED]: 'system',
  [Actor_Kind.SYSTEM]: 'system',
  [Actor_Kind.CUSTOMER]: 'customer',
  [Actor_Kind.AGENT]: 'agent',
  [Actor_Kind.RULE]: 'rule',
  [Actor_Kind.API_CLIENT]: 'api_client',
};

/**
 * The webhook events of one ticket event. Payloads carry ids, numbers, states and scores, never a
 * customer's words or contact details (no subject, body or CSAT comment): a receiver that needs them
 * reads the ticket through the API, and an erasure then has nothing to chase in receivers' logs.
 */
export function webhookEventsOf(event: TicketEvent): WebhookEvent[] {
  const { payload } = event;
  switch (payload.case) {
    case 'created': {
      const c = payload.value;
      return [
        {
          type: 'ticket.created',
          data: {
            customerId: c.customerId,
            channel: channelName(c.channel) ?? '',
            category: c.category,
            priority: c.priority,
            tier: c.tier,
            region: c.region,
          },
        },
      ];
    }
    case 'assigned':
      return [{ type: 'ticket.assigned', data: { teamId: payload.value.teamId, agentId: payload.value.agentId } }];
    case 'transferred':
      return [{ type: 'ticket.assigned', data: { teamId: payload.value.toTeamId, agentId: payload.value.toAgentId } }];
    case 'statusChanged': {
      const { from, to } = payload.value;
      const changed: WebhookEvent = { type: 'ticket.status_changed', data: { from, to } };
      return to === 'resolved' ? [changed, { type: 'ticket.resolved', data: { from } }] : [changed];
    }
    case 'reviewDecided':
      return payload.value.approved ? [{ type: 'ticket.resolved', data: { from: 'review' } }] : [];
    case 'messageAppended':
      return payload.value.direction === 'outbound'
        ? [
            {
              type: 'ticket.replied',
              data: { messageId: payload.value.messageId, channel: channelName(payload.value.channel) ?? '' },
            },
          ]
        : [];
    case 'slaBreached':
      return [
        {
          type: 'ticket.sla_breached',
          data: {
            clock: payload.value.clock,
            dueAt: payload.value.dueAt ? timestampDate(payload.value.dueAt).toISOString() : '',
          },
        },
      ];
    case 'csatReceived':
      return [
        {
          type: 'ticket.csat_received',
          data: { score: payload.value.score, round: payload.value.round, agentId: payload.value.agentId },
        },
      ];
    // Not offered as webhooks (yet); listed so a new event type has to be decided on here.
    case 'queued':
    case 'slaWarning':
    case 'slaRecomputed':
    case 'merged':
    case 'reopened':
    case 'fieldsChanged':
    case 'split':
    case 'linked':
    case 'archived':
    case 'appointmentChanged':
    case undefined:
      return [];
  }
}

/** Who made the change, as the payload names it. */
export const actorOf = (event: TicketEvent): { kind: string; id: string | null } => ({
  kind: actorKinds[event.actor?.kind ?? Actor_Kind.UNSPECIFIED],
  id: event.actor?.id || null,
});
