import { Topics, encodeInboundMessage } from '@switchboard/contracts';
import type { IncomingRecord } from '@switchboard/messaging';
import { factory } from '@switchboard/testing';
import type { IngestInboundMessagesCommand, IngestOutcome } from './ingest-inbound-messages.command';
import type { IngestInboundMessagesUseCase } from './ingest-inbound-messages.use-case';
import { ingestInboundBatch } from './inbound-batch';
import type { ValidInboundMessage } from './inbound-message.validation';

const recordOf = (offset: number): IncomingRecord => {
  const message = factory.inboundMessage();
  return {
    topic: Topics.inboundMessages,
    partition: 0,
    offset: BigInt(offset),
    key: message.conversationKey,
    value: encodeInboundMessage(message),
    headers: {},
    timestamp: 0,
  };
};

/** The use case's two entry points; execute fails the way the database does. */
class FailingIngest {
  readonly refused: { message: ValidInboundMessage; reason: string; detail: string }[] = [];
  constructor(private readonly failure: Error) {}
  execute(_command: IngestInboundMessagesCommand): Promise<IngestOutcome[]> {
    return Promise.reject(this.failure);
  }
  refuse(message: ValidInboundMessage, reason: string, detail: string): Promise<IngestOutcome[]> {
    this.refused.push({ message, reason, detail });
    return Promise.resolve([{ messageId: message.messageId, kind: 'rejected', reason, detail }]);
  }
}

const noTally = { messagesIngested: () => undefined };
const FIRST = { attempt: 1, final: false };
const LAST = { attempt: 3, final: true };
const dataException = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });

describe('ingestInboundBatch when the database refuses a message', () => {
  it('refuses a message that fails alone for good with a receipt, then dead-letters it with the reason', async () => {
    const ingest = new FailingIngest(dataException);
    const record = recordOf(1);
    const result = await ingestInboundBatch(
      ingest as unknown as IngestInboundMessagesUseCase,
      [record],
      noTally,
      FIRST,
    );
    expect(ingest.refused).toEqual([expect.objectContaining({ reason: 'storage_refused' })]);
    expect(ingest.refused[0]?.detail).toContain('0x00');
    expect(result.rejected?.map((r) => r.record)).toEqual([record]);
    expect(result.rejected?.[0]?.error.message).toContain('storage_refused');
  });

  it('rethrows for a whole batch, so the retry loop can find the one record at fault', async () => {
    const ingest = new FailingIngest(dataException);
    const batch = [recordOf(1), recordOf(2)];
    await expect(
      ingestInboundBatch(ingest as unknown as IngestInboundMessagesUseCase, batch, noTally, LAST),
    ).rejects.toBe(dataException);
    expect(ingest.refused).toEqual([]);
  });

  it('rethrows a transient failure, which must be retried, not refused', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const ingest = new FailingIngest(outage);
    await expect(
      ingestInboundBatch(ingest as unknown as IngestInboundMessagesUseCase, [recordOf(1)], noTally, LAST),
    ).rejects.toBe(outage);
    expect(ingest.refused).toEqual([]);
  });

  it('retries an unknown failure, and refuses it with a receipt only on the attempt that gives it up', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const ingest = new FailingIngest(bug);
    const record = recordOf(1);
    const use = ingest as unknown as IngestInboundMessagesUseCase;
    await expect(ingestInboundBatch(use, [record], noTally, FIRST)).rejects.toBe(bug);
    expect(ingest.refused).toEqual([]);
    const result = await ingestInboundBatch(use, [record], noTally, LAST);
    expect(ingest.refused).toEqual([expect.objectContaining({ reason: 'processing_failed' })]);
    expect(ingest.refused[0]?.detail).toContain("reading 'id'");
    expect(result.rejected?.map((r) => r.record)).toEqual([record]);
    expect(result.rejected?.[0]?.error.message).toContain('processing_failed');
  });
});
