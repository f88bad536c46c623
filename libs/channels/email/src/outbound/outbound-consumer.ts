import { decodeOutboundMessage, type OutboundMessage } from '@switchboard/contracts';
import type { Logger } from '@switchboard/logger';
import type { BatchHandler, Rejection } from '@switchboard/messaging';
import { UndeliverableEmailError, type SendOutboundEmailUseCase } from './send-outbound-email.use-case';

/**
 * outbound.email.v1 → SendOutboundEmailUseCase, one record after another (a conversation's replies keep
 * their order). Undecodable or undeliverable records go to the DLQ; anything else (the database, the
 * bus) throws, and the transport retries the batch.
 */
export function outboundConsumer(useCase: SendOutboundEmailUseCase, log: Logger): BatchHandler {
  return async (records) => {
    const rejected: Rejection[] = [];
    for (const record of records) {
      let message: OutboundMessage;
      try {
        message = decodeOutboundMessage(record.value);
      } catch (error) {
        rejected.push({ record, error: error instanceof Error ? error : new Error(String(error)) });
        continue;
      }
      try {
        await useCase.execute(message);
      } catch (error) {
        if (!(error instanceof UndeliverableEmailError)) throw error;
        log.error(
          { outboundMessageId: message.messageId, ticketId: message.ticketId },
          'email undeliverable; dead-lettered',
        );
        rejected.push({ record, error });
      }
    }
    return { rejected };
  };
}
