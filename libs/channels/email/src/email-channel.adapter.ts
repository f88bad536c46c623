import {
  ChannelSdkException,
  ChannelSdkExceptionCode,
  type ChannelAdapter,
  type DeliveryAttempt,
  type DeliveryOutcome,
} from '@switchboard/channel-sdk';
import { Channel, Topics, type InboundMessage, type OutboundMessage } from '@switchboard/contracts';
import type { SendOutboundEmailUseCase } from './outbound/send-outbound-email.use-case';

export const EMAIL_CHANNEL_NAME = 'email';

/**
 * The email channel as a channel-SDK adapter. It has no webhook: mail arrives over IMAP, read by the
 * channel's InboundSource (ImapInboundSource) and handed to the SDK's ingress, so `verify` and
 * `normalize` refuse any request. Outbound, `deliver` is one SMTP attempt (SendOutboundEmailUseCase);
 * the SDK's consumer retries, dead-letters and reports. Bounces read from the mailboxes become FAILED
 * (or DELAYED) delivery reports in intake, not through a status callback.
 */
export class EmailChannelAdapter implements ChannelAdapter<never> {
  readonly name = EMAIL_CHANNEL_NAME;
  readonly channel = Channel.EMAIL;
  readonly outboundTopic = Topics.outboundEmail;
  readonly capabilities = {
    attachments: true,
    // Mail has no practical text limit (agents' replies stop at 100,000 characters); the SMTP
    // server's size limit answers 552, a permanent refusal.
    maxTextLength: 1_000_000,
    deliveryReceipts: false,
    passiveReplies: false,
    signedInbound: false,
  };

  constructor(private readonly send: SendOutboundEmailUseCase) {}

  verify(): Promise<never> {
    return Promise.reject(
      new ChannelSdkException(ChannelSdkExceptionCode.UnknownChannel, 'The email channel reads mail over IMAP.'),
    );
  }

  normalize(): InboundMessage[] {
    throw new ChannelSdkException(ChannelSdkExceptionCode.MalformedBody, 'The email channel reads mail over IMAP.');
  }

  deliver(message: OutboundMessage, attempt: DeliveryAttempt): Promise<DeliveryOutcome> {
    return this.send.execute(message, attempt);
  }
}
