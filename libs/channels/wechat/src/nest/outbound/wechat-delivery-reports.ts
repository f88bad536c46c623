import { deliveryReportRecord } from '@switchboard/channel-sdk';
import { Channel, DeliveryReport_Status, Topics } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { Transport } from '@switchboard/messaging';
import type { WechatSharedStore } from '../../api/shared-store';
import type { WechatDisposition } from '../../normalized-wechat-input';

type ReportDisposition = Extract<WechatDisposition, { readonly kind: 'delivery_report' }>;

interface SentRecord {
  readonly messageId: string;
  readonly ticketId: string;
}

/** Template job reports arrive within minutes; WeCom's msg_send_fail within the 48-hour window. */
const KEEP_MS = 3 * 24 * 3_600_000;

/**
 * The platform's later word about a message we sent (TEMPLATESENDJOBFINISH, kf msg_send_fail) as a
 * DeliveryReport on outbound.status.v1. The platform names its own msgid, so what we sent under which
 * provider id is kept in the shared store when it is sent.
 */
export class WechatDeliveryReports {
  constructor(
    private readonly store: WechatSharedStore,
    private readonly transport: Transport,
    private readonly log: Logger,
  ) {}

  private key(tenant: string, providerMessageId: string): string {
    return `wechat:sent:${tenant}:${providerMessageId}`;
  }

  async remember(tenant: string, providerMessageId: string, sent: SentRecord): Promise<void> {
    if (providerMessageId === '') return;
    await this.store.set(this.key(tenant, providerMessageId), JSON.stringify(sent), KEEP_MS);
  }

  async providerReported(tenant: string, report: ReportDisposition): Promise<void> {
    const raw = await this.store.get(this.key(tenant, report.providerMessageId));
    const sent = raw ? parseSent(raw) : undefined;
    if (!sent) {
      this.log.info({ tenant, providerMessageId: report.providerMessageId }, 'report on a message we do not know');
      return;
    }
    const status = report.delivered ? DeliveryReport_Status.DELIVERED : DeliveryReport_Status.FAILED;
    const detail = report.delivered ? '' : `WeChat did not deliver the message (${report.detail}).`;
    await this.transport.publish(Topics.outboundStatus, [
      deliveryReportRecord(
        Channel.WECHAT,
        { tenant, ...sent, status, providerMessageId: report.providerMessageId, detail },
        new Date(),
      ),
    ]);
  }
}

function parseSent(raw: string): SentRecord | undefined {
  try {
    const value = JSON.parse(raw) as Partial<SentRecord>;
    return typeof value.messageId === 'string' && typeof value.ticketId === 'string'
      ? { messageId: value.messageId, ticketId: value.ticketId }
      : undefined;
  } catch {
    return undefined;
  }
}
