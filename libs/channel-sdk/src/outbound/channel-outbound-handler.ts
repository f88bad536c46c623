import { decodeOutboundMessage, DeliveryReport_Status, type OutboundMessage } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { BatchHandler, OutgoingRecord, Rejection, Transport } from '@switchboard/messaging';
import { Topics } from '@switchboard/contracts';
import type { ChannelAdapter } from '../adapter/channel-adapter';
import { providerMessageIdOf } from '../adapter/channel-sdk.exception';
import type { ChannelMetrics } from '../metrics/channel-metrics';
import { deliverWithRetry, type DeliveryRetryPolicy } from './deliver-with-retry';
import { deliveryReportRecord, statusOf } from './delivery-report';

export class TextTooLongError extends Error {
  constructor(length: number, max: number) {
    super(`the answer has ${length} characters; the channel takes at most ${max}`);
    this.name = 'TextTooLongError';
  }
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

export interface OutboundHandlerDeps {
  readonly adapter: ChannelAdapter;
  readonly transport: Transport;
  readonly metrics: ChannelMetrics;
  readonly retry: DeliveryRetryPolicy;
  readonly log: Logger;
}

/**
 * outbound.<channel>.v1 → the adapter, one record after another (a conversation's answers keep their
 * order). Each delivered answer gets a SENT/DELIVERED report; one given up (undecodable, too long,
 * refused, or still failing after the last attempt) goes to the DLQ with its error and gets a FAILED
 * report. Reports are published before the batch is committed; a failed publish retries the batch.
 */
export function channelOutboundHandler(deps: OutboundHandlerDeps): BatchHandler {
  const { adapter, metrics, log } = deps;
  return async (records) => {
    const rejected: Rejection[] = [];
    const reports: OutgoingRecord[] = [];
    for (const record of records) {
      let message: OutboundMessage;
      try {
        message = decodeOutboundMessage(record.value);
      } catch (error) {
        rejected.push({ record, error: asError(error) });
        continue;
      }
      if (adapter.handles && !adapter.handles(message)) continue;
      const max = adapter.capabilities.maxTextLength;
      const result =
        [...message.bodyText].length > max
          ? { ok: false as const, error: new TextTooLongError([...message.bodyText].length, max), attempts: 0 }
          : await deliverWithRetry(adapter, message, deps.retry, (err, attempt) => {
              metrics.outbound(adapter.name, 'retried');
              log.warn({ outboundMessageId: message.messageId, attempt, err }, 'delivery failed; retrying');
            });
      if (result.ok) {
        const sent = result.outcome.status === DeliveryReport_Status.DELIVERED ? 'delivered' : 'sent';
        metrics.outbound(adapter.name, sent);
        reports.push(
          deliveryReportRecord(
            adapter.channel,
            statusOf(message, result.outcome.status, result.outcome.providerMessageId),
            new Date(),
          ),
        );
        continue;
      }
      metrics.outbound(adapter.name, 'dead_lettered');
      log.error(
        {
          outboundMessageId: message.messageId,
          ticketId: message.ticketId,
          attempts: result.attempts,
          err: result.error,
        },
        'delivery given up; dead-lettered',
      );
      await adapter.onGivenUp?.(message, result.error, result.attempts);
      reports.push(
        deliveryReportRecord(
          adapter.channel,
          statusOf(message, DeliveryReport_Status.FAILED, providerMessageIdOf(result.error), result.error.message),
          new Date(),
        ),
      );
      // The DLQ record's attempts header counts handler calls; the delivery attempts are the SDK's own.
      const givenUp = new Error(`${result.error.message} (given up after ${result.attempts} delivery attempts)`, {
        cause: result.error,
      });
      givenUp.name = result.error.name;
      rejected.push({ record, error: givenUp });
    }
    if (reports.length > 0) await deps.transport.publish(Topics.outboundStatus, reports);
    return { rejected };
  };
}
