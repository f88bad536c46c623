import {
  ChannelSdkException,
  ChannelSdkExceptionCode,
  type ChannelAdapter,
  type DeliveryOutcome,
  type InboundRequest,
} from '@switchboard/channel-sdk';
import {
  Channel,
  DeliveryReport_Status,
  Topics,
  type InboundMessage,
  type OutboundMessage,
} from '@switchboard/contracts';
import { newId } from '@switchboard/ids';
import type { Transport } from '@switchboard/messaging';
import { isTenantSlug } from '../http/tenant-slug.util';
import type { PortalLinker } from '../portal/portal-linker';
import { parseSubmitWebForm } from '../submit-web-form/submit-web-form.command';
import { toInboundMessage } from '../submit-web-form/submit-web-form.use-case';
import { replyNoticeRecord } from './reply-notice';

export const WEB_CHANNEL_NAME = 'web';

/**
 * The web channel as a channel-SDK adapter. Inbound it is a public form (no provider signature, rate
 * limits instead), served by its own controllers because the customer waits for a ticket number; the
 * normalization is the same functions. Outbound an answer is already in the portal, where the customer
 * reads it: delivering it is mailing a notice (outbound.email.v1, an id derived from the answer's, so
 * a redelivery mails once) and reporting it DELIVERED.
 */
export class WebPortalAdapter implements ChannelAdapter<string> {
  readonly name = WEB_CHANNEL_NAME;
  readonly channel = Channel.WEB;
  readonly outboundTopic = Topics.outboundWeb;
  readonly capabilities = {
    attachments: false,
    maxTextLength: 20_000,
    deliveryReceipts: false,
    passiveReplies: false,
    signedInbound: false,
  };

  constructor(
    private readonly transport: Transport,
    private readonly links: PortalLinker,
  ) {}

  async verify(request: InboundRequest): Promise<string> {
    const tenant = request.params['tenant'] ?? '';
    if (!isTenantSlug(tenant)) throw new ChannelSdkException(ChannelSdkExceptionCode.UnknownChannel, 'No such site.');
    return tenant;
  }

  normalize(request: InboundRequest, tenant: string): InboundMessage[] {
    const parsed = parseSubmitWebForm({
      tenant,
      body: request.body,
      idempotencyKey: request.headers['idempotency-key'],
      userAgent: request.headers['user-agent'],
    });
    if (!parsed.ok)
      throw new ChannelSdkException(ChannelSdkExceptionCode.MalformedBody, 'Not a web submission.', parsed.problems);
    return [toInboundMessage(parsed.command, newId(), request.receivedAt)];
  }

  async deliver(reply: OutboundMessage): Promise<DeliveryOutcome> {
    if (reply.recipient?.email)
      await this.transport.publish(Topics.outboundEmail, [
        replyNoticeRecord(reply, this.links.linkFor(reply.tenant, reply.ticketNumber)),
      ]);
    return { status: DeliveryReport_Status.DELIVERED, providerMessageId: `portal:${reply.messageId}` };
  }
}
