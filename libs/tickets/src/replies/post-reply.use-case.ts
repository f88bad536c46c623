import {
  MessageAppendedSchema,
  OutboundMessageSchema,
  channelFromName,
  create,
  encodeOutboundMessage,
  Headers,
  timestampFromDate,
  type Channel,
} from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { canSeeTicket, type LifecycleActor } from '../lifecycle/lifecycle-actor';
import { lockChangeableTicket } from '../lifecycle/lock-changeable-ticket';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '../shared/audit-event';
import type { PostReplyCommand } from './post-reply.command';
import { outboundRouteOf, type OutboundIdentityKind } from './outbound-route';
import { ReplyException, ReplyExceptionCode } from './reply.exception';
import { findReplyTarget, type ReplyTarget } from './reply-target.repository';

export interface PostedReply {
  readonly id: string;
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly direction: 'outbound';
  readonly channel: string;
  readonly subject: string;
  readonly bodyText: string;
  readonly deliveryStatus: 'pending';
  readonly createdAt: Date;
}

interface Delivery {
  readonly channel: Channel;
  readonly topic: string;
  readonly kind: OutboundIdentityKind;
  readonly address: string;
}

const replySubject = (subject: string): string =>
  /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;

/**
 * An agent's answer to a customer: the outbound ticket message, its `message_appended` audit event and
 * the OutboundMessage for the ticket's channel, written in one tenant-scoped transaction; the channel
 * delivers it from the outbox and reports back on outbound.status.v1. The ticket is locked and checked
 * like every lifecycle change: whoever may see it may answer, archived and merged tickets take no reply.
 */
export class PostReplyUseCase {
  constructor(
    private readonly db: Database,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  async execute(actor: LifecycleActor, command: PostReplyCommand): Promise<PostedReply> {
    const { reply, rows } = await inTenant(this.db, actor.tenantId, async (tx) => {
      const ticket = await lockChangeableTicket(tx, actor, command.ref, canSeeTicket);
      const target = await findReplyTarget(tx, ticket);
      return this.write(tx, actor, command, target);
    });
    this.onCommitted(rows);
    return reply;
  }

  private async write(
    tx: SqlExecutor,
    actor: LifecycleActor,
    command: PostReplyCommand,
    target: ReplyTarget,
  ): Promise<{ reply: PostedReply; rows: OutboxRow[] }> {
    const delivery = deliveryOf(target);
    const now = new Date();
    const messageId = newId();
    const subject = replySubject(target.subject);
    await tx.query(
      `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, subject,
                                    body_text, body_html, metadata, received_at)
       VALUES ($1::uuid, $2, $3, 'outbound', $4, $1::text, $5, $6, $7, $8, $9)`,
      [
        messageId,
        actor.tenantId,
        target.ticketId,
        target.channel,
        subject,
        command.bodyText,
        command.bodyHtml ?? '',
        JSON.stringify({ agentId: actor.id, deliveryStatus: 'pending', recipient: delivery.address }),
        now.toISOString(),
      ],
    );
    const event = appendedEvent(actor, target, messageId, delivery, now);
    await insertAuditEvents(tx, [event]);
    const outbound = create(OutboundMessageSchema, {
      messageId,
      tenant: target.tenantSlug,
      ticketId: target.ticketId,
      ticketNumber: target.number,
      channel: delivery.channel,
      conversationKey: target.conversationKey,
      recipient: recipientOf(delivery.kind, delivery.address, target.customerName),
      subject,
      bodyText: command.bodyText,
      bodyHtml: command.bodyHtml ?? '',
      inReplyTo: target.inboundMessageIds.at(-1) ?? '',
      references: [...target.inboundMessageIds],
      agentId: actor.id,
      createdAt: timestampFromDate(now),
    });
    const rows = await appendToOutbox(tx, [
      toOutboxEntry(event),
      {
        tenantId: actor.tenantId,
        topic: delivery.topic,
        key: target.conversationKey,
        payload: encodeOutboundMessage(outbound),
        headers: { [Headers.tenantId]: actor.tenantId },
      },
    ]);
    const reply: PostedReply = {
      id: messageId,
      ticketId: target.ticketId,
      ticketNumber: target.number,
      direction: 'outbound',
      channel: target.channel,
      subject,
      bodyText: command.bodyText,
      deliveryStatus: 'pending',
      createdAt: now,
    };
    return { reply, rows };
  }
}

/** Where the answer goes: the channel's outbound topic and the customer's identity on it. */
function deliveryOf(target: ReplyTarget): Delivery {
  const route = outboundRouteOf(target.channel);
  if (!route) {
    throw new ReplyException(
      ReplyExceptionCode.NoReplyChannel,
      `Tickets from the ${target.channel} channel cannot be answered here.`,
    );
  }
  const address = target.identities.get(route.identityKind);
  if (!address) {
    throw new ReplyException(
      ReplyExceptionCode.NoRecipient,
      `The customer has no ${route.identityKind} to send the answer to.`,
    );
  }
  return { channel: channelFromName(route.channel), topic: route.topic, kind: route.identityKind, address };
}

function appendedEvent(
  actor: LifecycleActor,
  target: ReplyTarget,
  messageId: string,
  delivery: Delivery,
  now: Date,
): AuditEvent {
  return {
    id: newId(),
    tenantId: actor.tenantId,
    tenantSlug: target.tenantSlug,
    ticketId: target.ticketId,
    type: 'message_appended',
    actor: { kind: 'agent', id: actor.id },
    source: 'agent_api',
    occurredAt: now,
    data: {
      messageId,
      channel: target.channel,
      direction: 'outbound',
      before: null,
      after: { deliveryStatus: 'pending', recipient: delivery.address },
    },
    payload: {
      case: 'messageAppended',
      value: create(MessageAppendedSchema, { messageId, channel: delivery.channel, direction: 'outbound' }),
    },
  };
}

function recipientOf(kind: OutboundIdentityKind, address: string, name: string) {
  return {
    name,
    email: kind === 'email' ? address : '',
    phone: kind === 'phone' ? address : '',
    wechatOpenid: kind === 'wechat_openid' ? address : '',
    externalId: kind === 'external' ? address : '',
  };
}
