import { decodeInboundMessage, type InboundMessage } from '@switchboard/contracts';
import type { BatchHandler, BatchResult, IncomingRecord, Rejection } from '@switchboard/messaging';
import type { RefusedInboundMessage } from './ingest-inbound-messages.command';
import type { IngestInboundMessagesUseCase } from './ingest-inbound-messages.use-case';
import { InvalidInboundMessage, validateInboundMessage, type ValidInboundMessage } from './inbound-message.validation';

function decode(record: IncomingRecord): InboundMessage | Error {
  try {
    return decodeInboundMessage(record.value);
  } catch (error) {
    return new Error(`undecodable InboundMessage: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The `inbound.messages.v1` consumer: decode and validate at the edge, ingest the batch in one
 * transaction, and send every refused record to the DLQ with its reason (its sender gets a receipt).
 */
export function ingestInboundMessagesHandler(useCase: IngestInboundMessagesUseCase): BatchHandler {
  return async (records): Promise<BatchResult> => {
    const messages: ValidInboundMessage[] = [];
    const refused: RefusedInboundMessage[] = [];
    const rejected: Rejection[] = [];
    const byMessageId = new Map<string, IncomingRecord>();
    for (const record of records) {
      const decoded = decode(record);
      if (decoded instanceof Error) {
        rejected.push({ record, error: decoded });
        continue;
      }
      byMessageId.set(decoded.messageId, record);
      try {
        messages.push(validateInboundMessage(decoded));
      } catch (error) {
        if (!(error instanceof InvalidInboundMessage)) throw error;
        rejected.push({ record, error });
        refused.push({
          messageId: decoded.messageId,
          tenantSlug: decoded.tenant,
          channelMessageId: decoded.channelMessageId,
          reason: 'invalid_message',
          detail: error.problems.join('; '),
        });
      }
    }
    const outcomes = await useCase.execute({ messages, refused });
    for (const outcome of outcomes) {
      if (outcome.kind !== 'rejected' || outcome.reason === 'invalid_message') continue;
      const record = byMessageId.get(outcome.messageId);
      if (record) rejected.push({ record, error: new Error(`${outcome.reason}: ${outcome.detail}`) });
    }
    return { rejected };
  };
}
