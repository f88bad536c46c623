import { Controller } from '@nestjs/common';
import type { Config } from '@switchboard/config';
import { decodeTicketEvent, Topics, type TicketEvent } from '@switchboard/contracts';
import {
  BatchEventPattern,
  type BatchConsumerOptions,
  type BatchResult,
  type IncomingRecord,
  type Rejection,
} from '@switchboard/messaging';
import { EnqueueWebhookDeliveriesUseCase } from './enqueue-webhook-deliveries.use-case';

/** The consumer group of the webhook fan-out (prefixed by KAFKA_TOPIC_PREFIX like every group). */
export const WEBHOOKS_GROUP = 'agent-api.webhooks';

const options = (config: Config): BatchConsumerOptions => ({
  groupId: WEBHOOKS_GROUP,
  maxBatchSize: config.ingest.batchSize,
  concurrency: config.ingest.concurrency,
});

/** One batch of ticket events → pending webhook deliveries; undecodable records go to the DLQ. */
export async function enqueueWebhookBatch(
  useCase: EnqueueWebhookDeliveriesUseCase,
  records: readonly IncomingRecord[],
): Promise<BatchResult> {
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
  await useCase.execute(events);
  return { rejected };
}

/** `ticket.events.v1` → EnqueueWebhookDeliveriesUseCase, the whole batch in one statement. */
@Controller()
export class WebhookEventsConsumer {
  constructor(private readonly useCase: EnqueueWebhookDeliveriesUseCase) {}

  @BatchEventPattern(Topics.ticketEvents, options)
  enqueue(records: readonly IncomingRecord[]): Promise<BatchResult> {
    return enqueueWebhookBatch(this.useCase, records);
  }
}
