import { createHash } from 'node:crypto';
import type { InboundSink } from '@switchboard/channel-sdk';
import { Channel, InboundMessageSchema, create, timestampFromDate, type InboundMessage } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import { newId } from '@switchboard/ids';
import type { ReceiptWaiter } from '../receipts/receipt-waiter';
import { WebChannelException, WebChannelExceptionCode } from '../web-channel.exception';
import type { SubmitWebFormCommand } from './submit-web-form.command';
import { quotedTicketNumber } from './quoted-ticket-number';
import { submissionResultOf, type SubmissionResult } from './submission-result';

/**
 * A client-chosen key (clientMessageId, Idempotency-Key) names a resubmission only from the same sender:
 * scoped to the email, another customer reusing it makes a new message and learns nothing of the first.
 */
export function senderScopedMessageId(clientMessageId: string, email: string): string {
  const sender = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16);
  return `${clientMessageId}~${sender}`;
}

export function toInboundMessage(command: SubmitWebFormCommand, messageId: string, now: Date): InboundMessage {
  const channelMessageId = command.clientMessageId
    ? senderScopedMessageId(command.clientMessageId, command.email)
    : messageId;
  return create(InboundMessageSchema, {
    messageId,
    tenant: command.tenant,
    channel: Channel.WEB,
    channelMessageId,
    conversationKey: `web:${channelMessageId}`,
    customer: { email: command.email, name: command.name, phone: command.phone ?? '' },
    subject: command.subject,
    bodyText: command.message,
    hints: {
      category: command.category ?? '',
      region: command.region ?? '',
      language: command.language ?? '',
      ticketType: command.ticketType ?? '',
      ticketNumber: command.ticketNumber ?? quotedTicketNumber(command.subject, command.message) ?? '',
    },
    customFields: command.customFields,
    receivedAt: timestampFromDate(now),
    metadata: command.userAgent ? { user_agent: command.userAgent } : {},
  });
}

/**
 * Normalizes a web submission, publishes it through the channel SDK's ingress (resolves after the
 * broker ack) and waits a bounded time for the ticket service's receipt, so the customer usually
 * leaves with a ticket number.
 */
export class SubmitWebFormUseCase {
  constructor(
    private readonly ingress: InboundSink,
    private readonly receipts: ReceiptWaiter,
    private readonly log: Logger,
  ) {}

  async execute(command: SubmitWebFormCommand): Promise<SubmissionResult> {
    const message = toInboundMessage(command, newId(), new Date());
    // Registered before publishing: the receipt may arrive before publish() resolves.
    const receipt = this.receipts.wait(message.messageId);
    try {
      await this.ingress.accept([message]);
    } catch (error) {
      this.receipts.cancel(message.messageId);
      this.log.error(
        { err: error, tenant: message.tenant, messageId: message.messageId },
        'publishing a web submission failed',
      );
      throw new WebChannelException(
        WebChannelExceptionCode.Unavailable,
        'We could not take your message right now; please try again.',
      );
    }
    return submissionResultOf(await receipt, message.tenant, message.messageId);
  }
}
