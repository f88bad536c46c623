import { Controller, Inject, type OnApplicationShutdown } from '@nestjs/common';
import { decodeOutboundMessage, Topics, type OutboundMessage } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import { BatchEventPattern, type BatchResult, type IncomingRecord, type Rejection } from '@switchboard/messaging';
import { EmailChannel } from '../email-channel';
import { newMessageId, SmtpSender } from '../smtp/smtp-sender';

export const EMAIL_NOTIFICATIONS_GROUP = 'channel-email.notifications';

/**
 * notifications.email.v1 → SMTP: mail to agents (SLA reminders, breaches, escalations), from the
 * tenant's first mailbox, outside any customer conversation (no threading headers, no reply token,
 * no delivery report: these are not ticket messages). A tenant without a mailbox or a mail the
 * server refuses for good goes to the DLQ with the reason; anything else is retried by the transport.
 */
@Controller()
export class AgentNotificationsConsumer implements OnApplicationShutdown {
  readonly #smtp = new SmtpSender();
  readonly #log = createLogger('AgentNotificationsConsumer');

  constructor(@Inject(EmailChannel) private readonly channel: EmailChannel) {}

  @BatchEventPattern(Topics.notificationsEmail, { groupId: EMAIL_NOTIFICATIONS_GROUP })
  async handle(records: readonly IncomingRecord[]): Promise<BatchResult> {
    const rejected: Rejection[] = [];
    for (const record of records) {
      let message: OutboundMessage;
      try {
        message = decodeOutboundMessage(record.value);
      } catch (error) {
        rejected.push({ record, error: error instanceof Error ? error : new Error(String(error)) });
        continue;
      }
      const refusal = await this.send(message);
      if (refusal) rejected.push({ record, error: new Error(refusal) });
    }
    return { rejected };
  }

  /** Undefined once sent; the reason when it never can be. */
  private async send(message: OutboundMessage): Promise<string | undefined> {
    const mailbox = this.channel.mailboxes.find((m) => m.tenantSlug === message.tenant);
    const to = message.recipient?.email ?? '';
    if (!mailbox || !to)
      return mailbox ? 'the notification has no recipient' : `no mailbox for tenant ${message.tenant}`;
    try {
      await this.#smtp.send(mailbox, newMessageId(mailbox.settings.address), {
        to,
        subject: message.subject,
        text: message.bodyText,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return undefined;
    } catch (error) {
      const code =
        typeof error === 'object' && error !== null && 'responseCode' in error ? Number(error.responseCode) : 0;
      if (code < 500) throw error;
      this.#log.error(
        { ticketId: message.ticketId, notificationId: message.messageId },
        'agent notification refused; dead-lettered',
      );
      return `SMTP ${code}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  onApplicationShutdown(): void {
    this.#smtp.close();
  }
}
