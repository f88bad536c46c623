import {
  MessageAppendedSchema,
  OutboundMessageSchema,
  channelFromName,
  create,
  encodeOutboundMessage,
  Headers,
  timestampFromDate,
} from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type Database, type OutboxRow, type SqlExecutor } from '@switchboard/persistence';
import { insertAuditEvents, toOutboxEntry, type AuditEvent } from '@switchboard/tickets';
import type { PostReplyCommand } from './post-reply.command';
import { outboundRouteOf, type OutboundIdentityKind } from './outbound-route';
import { ReplyError, ReplyErrorCode } from './reply.error';
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

const replySubject = (subject: string): string =>
  /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;

/**
 * An agent's answer to a customer: the outbound ticket message, its `message_appended` audit event and
 * the OutboundMessage for the ticket's channel, written in one tenant-scoped transaction; the channel
 * delivers it from the outbox and reports back on outbound.status.v1.
 */
export class PostReplyUseCase {
  constructor(
    private readonly db: Database,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  async execute(command: PostReplyCommand): Promise<PostedReply> {
    const { reply, rows } = await inTenant(this.db, command.tenantId, async (tx) => {
      const target = await findReplyTarget(tx, command.tenantId, command.ticketId);
      if (!target) throw new ReplyError(ReplyErrorCode.TicketNotFound, 'No such ticket.');
      return this.write(tx, command, target);
    });
    this.onCommitted(rows);
    return reply;
  }

  private async write(
    tx: SqlExecutor,
    command: PostReplyCommand,
    target: ReplyTarget,
  ): Promise<{ reply: PostedReply; rows: OutboxRow[] }> {
    const route = outboundRouteOf(target.channel);
    if (!route) {
      throw new ReplyError(
        ReplyErrorCode.NoReplyChannel,
        `Tickets from the ${target.channel} channel cannot be answered here.`,
      );
    }
    const address = target.identities.get(route.identityKind);
    if (!address) {
      throw new ReplyError(
        ReplyErrorCode.NoRecipient,
        `The customer has no ${route.identityKind} to send the answer to.`,
      );
    }
    const now = new Date();
    const messageId = newId();
    const subject = replySubject(target.subject);
    const channel = channelFromName(route.channel);
    await tx.query(
      `INSERT INTO ticket_messages (id, tenant_id, ticket_id, direction, channel, channel_message_id, subject,
                                    body_text, body_html, metadata, received_at)
       VALUES ($1::uuid, $2, $3, 'outbound', $4, $1::text, $5, $6, $7, $8, $9)`,
      [
        messageId,
        command.tenantId,
        target.ticketId,
        target.channel,
        subject,
        command.bodyText,
        command.bodyHtml ?? '',
        JSON.stringify({ agentId: command.agentId, deliveryStatus: 'pending', recipient: address }),
        now.toISOString(),
      ],
    );
    const event: AuditEvent = {
      id: newId(),
      tenantId: command.tenantId,
      tenantSlug: target.tenantSlug,
      ticketId: target.ticketId,
      type: 'message_appended',
      actor: { kind: 'agent', id: command.agentId },
      source: 'agent_api',
      occurredAt: now,
      data: {
        messageId,
        channel: target.channel,
        direction: 'outbound',
        before: null,
        after: { deliveryStatus: 'pending', recipient: address },
      },
      payload: {
        case: 'messageAppended',
        value: create(MessageAppendedSchema, { messageId, channel, direction: 'outbound' }),
      },
    };
    await insertAuditEvents(tx, [event]);
    const outbound = create(OutboundMessageSchema, {
      messageId,
      tenant: target.tenantSlug,
      ticketId: target.ticketId,
      ticketNumber: target.number,
      channel,
      conversationKey: target.conversationKey,
      recipient: recipientOf(route.identityKind, address, target.customerName),
      subject,
      bodyText: command.bodyText,
      bodyHtml: command.bodyHtml ?? '',
      inReplyTo: target.inboundMessageIds.at(-1) ?? '',
      references: [...target.inboundMessageIds],
      agentId: command.agentId,
      createdAt: timestampFromDate(now),
    });
    const rows = await appendToOutbox(tx, [
      toOutboxEntry(event),
      {
        tenantId: command.tenantId,
        topic: route.topic,
        key: target.conversationKey,
        payload: encodeOutboundMessage(outbound),
        headers: { [Headers.tenantId]: command.tenantId },
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

function recipientOf(kind: OutboundIdentityKind, address: string, name: string) {
  return {
    name,
    email: kind === 'email' ? address : '',
    phone: kind === 'phone' ? address : '',
    wechatOpenid: kind === 'wechat_openid' ? address : '',
    externalId: kind === 'external' ? address : '',
  };
}
