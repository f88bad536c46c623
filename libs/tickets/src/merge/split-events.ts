import {
  Channel,
  TicketAssignedSchema,
  TicketCreatedSchema,
  TicketSplitSchema,
  channelFromName,
  create,
  type ChannelName,
} from '@switchboard/contracts';
import type { AuditEvent } from '../shared/audit-event';
import type { LockedTicket } from '../lifecycle/locked-ticket';
import { agentEvent, type ChangeContext } from '../relations/relation-change';
import type { SplitTicketRow } from './split.repository';

const channelNames: readonly string[] = ['web', 'email', 'wechat', 'sms', 'voice', 'api'] satisfies ChannelName[];
const isChannelName = (name: string): name is ChannelName => channelNames.includes(name);

export interface SplitOutcome {
  readonly original: LockedTicket;
  readonly created: SplitTicketRow;
  readonly movedMessageIds: readonly string[];
  readonly originalMessagesBefore: number;
}

function createdEvent(ctx: ChangeContext, s: SplitOutcome): AuditEvent {
  const t = s.created;
  const created = {
    number: t.number,
    customerId: t.customerId,
    subject: t.subject,
    category: t.category ?? '',
    priority: t.priority,
    tier: t.tier,
    region: t.region ?? '',
    language: t.language ?? '',
    conversationKey: t.conversationKey,
    firstMessageId: s.movedMessageIds[0] ?? '',
  };
  const channel = isChannelName(t.channel) ? channelFromName(t.channel) : Channel.UNSPECIFIED;
  return agentEvent(
    ctx,
    t.id,
    'created',
    { before: null, after: { ...created, channel: t.channel, status: t.status }, splitFromTicketId: s.original.id },
    { case: 'created', value: create(TicketCreatedSchema, { ...created, channel }) },
  );
}

/**
 * On the new ticket: `created`, `split` and, when it kept the original's agent, `assigned`.
 * On the original: `split`. Both `split` events name the same moved messages.
 */
export function splitEvents(ctx: ChangeContext, s: SplitOutcome): AuditEvent[] {
  const { original, created, movedMessageIds } = s;
  const split = { fromTicketId: original.id, newTicketId: created.id, messageIds: [...movedMessageIds] };
  const payload = { case: 'split' as const, value: create(TicketSplitSchema, split) };
  const moved = movedMessageIds.length;
  const events = [
    createdEvent(ctx, s),
    agentEvent(
      ctx,
      created.id,
      'split',
      { before: { messageCount: 0 }, after: { messageCount: moved }, ...split, fromTicketNumber: original.number },
      payload,
    ),
  ];
  if (created.assigneeId !== null && created.teamId !== null) {
    const assigned = { teamId: created.teamId, agentId: created.assigneeId, ruleId: '' };
    events.push(
      agentEvent(
        ctx,
        created.id,
        'assigned',
        {
          before: { teamId: created.teamId, assigneeId: null },
          after: { teamId: created.teamId, assigneeId: created.assigneeId },
          reason: 'split',
        },
        { case: 'assigned', value: create(TicketAssignedSchema, assigned) },
      ),
    );
  }
  events.push(
    agentEvent(
      ctx,
      original.id,
      'split',
      {
        before: { messageCount: s.originalMessagesBefore },
        after: { messageCount: s.originalMessagesBefore - moved },
        ...split,
        newTicketNumber: created.number,
      },
      payload,
    ),
  );
  return events;
}
