import {
  Channel,
  Headers,
  InboundMessageSchema,
  Topics,
  create,
  encodeInboundMessage,
  timestampFromDate,
} from '@switchboard/contracts';
import type { BlobStore } from '@switchboard/blobs';
import { newId } from '@switchboard/ids';
import { appendToOutbox, inTenant, type Database, type OutboxRow } from '@switchboard/persistence';
import { findTicketByNumber } from '../shared/customer-ticket';
import type { PortalSession } from '../shared/portal-links';
import { storeUploads, type UploadedFile } from './portal-upload';
import { portalTicketNotFound, SelfServiceException, SelfServiceExceptionCode } from '../shared/self-service.exception';

export interface FollowUpCommand {
  readonly number: string;
  /** The portal form's id for this message: a double submit is one message (the channel message id). */
  readonly clientMessageId: string;
  /** May be empty when files are attached. */
  readonly bodyText: string;
  readonly attachments?: readonly UploadedFile[];
}

export interface AcceptedFollowUp {
  readonly messageId: string;
  readonly ticketNumber: string;
  readonly status: 'accepted';
}

/**
 * A customer's message from the portal: a web-channel InboundMessage on inbound.messages.v1 (through
 * the outbox, so it is never lost), on the ticket's conversation with its number as the hint, so the
 * ticket service threads it onto that ticket like any follow-up. The address is marked verified: the
 * portal session proves it (a mailed code, or a signed link that only its mailbox received), and only
 * a verified sender may follow up by number; metadata says which proof it was. Attached files go to
 * the blob store once the ticket is known to be the customer's, before the message is written.
 */
export class PostFollowUpUseCase {
  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    private readonly onCommitted: (rows: readonly OutboxRow[]) => void,
  ) {}

  async execute(session: PortalSession, command: FollowUpCommand): Promise<AcceptedFollowUp> {
    const { accepted, rows } = await inTenant(this.db, session.tenantId, async (tx) => {
      const ticket = await findTicketByNumber(tx, session.tenantId, command.number);
      if (!ticket || ticket.customerId !== session.customerId) throw portalTicketNotFound();
      if (ticket.readOnly) {
        throw new SelfServiceException(
          SelfServiceExceptionCode.TicketReadOnly,
          `${ticket.number} takes no more messages.`,
        );
      }
      const attachments = await storeUploads(this.blobs, command.attachments ?? []);
      const messageId = newId();
      const message = create(InboundMessageSchema, {
        messageId,
        tenant: ticket.tenantSlug,
        channel: Channel.WEB,
        channelMessageId: `portal:${command.clientMessageId}`,
        conversationKey: ticket.conversationKey,
        customer: { email: ticket.email, name: ticket.customerName, verified: ['email'] },
        subject: ticket.subject,
        bodyText: command.bodyText,
        attachments,
        hints: { ticketNumber: ticket.number, language: ticket.language },
        receivedAt: timestampFromDate(new Date()),
        metadata: { source: 'portal', verified_follow_up: session.verified ? 'code' : 'link' },
      });
      const written = await appendToOutbox(tx, [
        {
          tenantId: ticket.tenantId,
          topic: Topics.inboundMessages,
          key: ticket.conversationKey,
          payload: encodeInboundMessage(message),
          headers: { [Headers.tenantId]: ticket.tenantId },
        },
      ]);
      return { accepted: { messageId, ticketNumber: ticket.number, status: 'accepted' as const }, rows: written };
    });
    this.onCommitted(rows);
    return accepted;
  }
}
