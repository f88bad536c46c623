import {
  Channel,
  Headers,
  InboundMessageSchema,
  Topics,
  create,
  encodeInboundMessage,
  timestampFromDate,
} from '@switchboard/contracts';
import { newId as makeId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type Database, type OutboxRow } from '@switchboard/persistence';

export interface CreateApiTicketCommand {
  /** The CRM's id for this ticket: the idempotency key (a second call with it is a duplicate). */
  readonly externalTicketId: string;
  readonly externalCustomerId: string;
  readonly subject: string;
  readonly text: string;
  readonly customer?:
    | { readonly name?: string | undefined; readonly email?: string | undefined; readonly phone?: string | undefined }
    | undefined;
  readonly priority?: string | undefined;
  readonly category?: string | undefined;
  readonly region?: string | undefined;
  readonly language?: string | undefined;
  readonly ticketType?: string | undefined;
  readonly customFields?: Readonly<Record<string, string>> | undefined;
}

export interface AcceptedApiTicket {
  readonly status: 'accepted';
  readonly messageId: string;
  readonly externalTicketId: string;
}

/** The channel message id of a CRM-created ticket (its own namespace within the API channel). */
export const crmChannelMessageId = (externalTicketId: string): string => `crm:${externalTicketId}`;

/**
 * A ticket the CRM/ERP opens: an API-channel InboundMessage on inbound.messages.v1 through the outbox,
 * so it takes the one ingest path (the external customer id is an identity the API channel proves,
 * threading, ticket types, routing) and is never lost. The external ticket id is the channel message
 * id, so a retried call is a duplicate, not a second ticket. The ticket appears once the ticket
 * service ingested it: `GET /api/v1/integrations/tickets/{externalTicketId}` answers 404 until then.
 */
export class CreateApiTicketUseCase {
  constructor(
    private readonly db: Database,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
    private readonly newId: () => string = makeId,
  ) {}

  async execute(tenantId: string, command: CreateApiTicketCommand): Promise<AcceptedApiTicket> {
    const messageId = this.newId();
    const rows = await inTenant(this.db, tenantId, async (tx) => {
      const [tenant] = await tx.query<{ slug: string }>(`SELECT slug FROM tenants WHERE id = $1`, [tenantId]);
      const conversationKey = `api:${crmChannelMessageId(command.externalTicketId)}`;
      const message = create(InboundMessageSchema, {
        messageId,
        tenant: tenant?.slug ?? '',
        channel: Channel.API,
        channelMessageId: crmChannelMessageId(command.externalTicketId),
        conversationKey,
        customer: {
          externalId: command.externalCustomerId,
          name: command.customer?.name ?? '',
          email: command.customer?.email ?? '',
          phone: command.customer?.phone ?? '',
          verified: ['external'],
        },
        subject: command.subject,
        bodyText: command.text,
        hints: {
          priority: command.priority ?? '',
          category: command.category ?? '',
          region: command.region ?? '',
          language: command.language ?? '',
          ticketType: command.ticketType ?? '',
        },
        customFields: { ...command.customFields },
        receivedAt: timestampFromDate(new Date()),
        metadata: { source: 'crm', external_ticket_id: command.externalTicketId },
      });
      return appendToOutbox(tx, [
        {
          tenantId,
          topic: Topics.inboundMessages,
          key: conversationKey,
          payload: encodeInboundMessage(message),
          headers: { [Headers.tenantId]: tenantId },
        },
      ]);
    });
    this.onCommitted(rows);
    return { status: 'accepted', messageId, externalTicketId: command.externalTicketId };
  }
}
