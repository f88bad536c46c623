import { Controller, Inject } from '@nestjs/common';
import { decodeOutboundMessage, Topics } from '@switchboard/contracts';
import { createLogger } from '@switchboard/logger';
import {
  DeclaredConsumers,
  BatchEventPattern,
  TRANSPORT,
  type BatchResult,
  type IncomingRecord,
  type OutgoingRecord,
  type Rejection,
  type Transport,
} from '@switchboard/messaging';
import { PortalLinker } from '../portal/portal-linker';
import { portalDeliveryRecord, replyNoticeRecord } from './reply-notice';

export const WEB_OUTBOUND_GROUP = DeclaredConsumers.channelWebOutbound.groupId;

/**
 * outbound.web.v1: an agent's answer on a web ticket. The answer is already a ticket message, so the
 * portal shows it; this consumer mails the customer a notice (when an address is known) and reports
 * the answer DELIVERED on outbound.status.v1, so it leaves `pending`. Both are published before the
 * batch is committed; a failed publish retries the batch, and the notice's derived id keeps a retry
 * from mailing twice. Undecodable records go to the DLQ.
 */
@Controller()
export class WebOutboundConsumer {
  private readonly log = createLogger('WebOutboundConsumer');
  constructor(
    @Inject(TRANSPORT) private readonly transport: Transport,
    @Inject(PortalLinker) private readonly links: PortalLinker,
  ) {}

  @BatchEventPattern(Topics.outboundWeb, { groupId: WEB_OUTBOUND_GROUP })
  async handle(records: readonly IncomingRecord[]): Promise<BatchResult> {
    const rejected: Rejection[] = [];
    const notices: OutgoingRecord[] = [];
    const reports: OutgoingRecord[] = [];
    for (const record of records) {
      try {
        const reply = decodeOutboundMessage(record.value);
        if (reply.recipient?.email)
          notices.push(replyNoticeRecord(reply, this.links.linkFor(reply.tenant, reply.ticketNumber)));
        reports.push(portalDeliveryRecord(reply));
      } catch (error) {
        rejected.push({ record, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
    if (notices.length > 0) await this.transport.publish(Topics.outboundEmail, notices);
    if (reports.length > 0) await this.transport.publish(Topics.outboundStatus, reports);
    if (reports.length > 0)
      this.log.info({ delivered: reports.length, mailed: notices.length }, 'web answers delivered to the portal');
    return { rejected };
  }
}
