import { Controller, Inject } from '@nestjs/common';
import { decodeTicketEvent, Topics, type TicketEvent } from '@switchboard/contracts';
import {
  BatchEventPattern,
  DeclaredConsumers,
  type BatchResult,
  type IncomingRecord,
  type Rejection,
} from '@switchboard/messaging';
import { KfSessionState } from './kf-session-state';

export const WECHAT_TICKET_EVENTS_GROUP = DeclaredConsumers.channelWechatTicketEvents.groupId;

/** `ticket.events.v1` → KfSessionState (WeCom kf session taken / ended with the ticket); undecodable → DLQ. */
@Controller()
export class WechatTicketEventsConsumer {
  constructor(@Inject(KfSessionState) private readonly sessions: KfSessionState) {}

  @BatchEventPattern(Topics.ticketEvents, { groupId: WECHAT_TICKET_EVENTS_GROUP })
  async handle(records: readonly IncomingRecord[]): Promise<BatchResult> {
    const events: TicketEvent[] = [];
    const rejected: Rejection[] = [];
    for (const record of records) {
      try {
        events.push(decodeTicketEvent(record.value));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        rejected.push({ record, error: new Error(`undecodable TicketEvent: ${reason}`) });
      }
    }
    await this.sessions.apply(events);
    return { rejected };
  }
}
