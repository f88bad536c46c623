import { Headers } from '@switchboard/contracts';
import type { IncomingRecord, OutgoingRecord } from '../transport';
import { handleWithRetry } from './handle-with-retry';

const record = (offset: number, key = 'k'): IncomingRecord => ({
  topic: 'inbound.messages.v1',
  partition: 0,
  offset: BigInt(offset),
  key,
  value: new TextEncoder().encode(`v${offset}`),
  headers: {},
  timestamp: 0,
});

function harness() {
  const published: { topic: string; records: readonly OutgoingRecord[] }[] = [];
  return {
    published,
    ctx: {
      policy: { maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 1 },
      publish: async (topic: string, records: readonly OutgoingRecord[]) => {
        published.push({ topic, records });
      },
      sleep: async () => undefined,
    },
  };
}

describe('handleWithRetry', () => {
  it('retries a transient failure and then succeeds without dead-lettering', async () => {
    const { ctx, published } = harness();
    let calls = 0;
    await handleWithRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('db down');
      },
      [record(1), record(2)],
      ctx,
    );
    expect(calls).toBe(3);
    expect(published).toEqual([]);
  });

  it('isolates a poison record: the others are handled, the poison one goes to the DLQ with its error', async () => {
    const { ctx, published } = harness();
    const handled: bigint[] = [];
    await handleWithRetry(
      async (records) => {
        if (records.some((r) => r.offset === 2n)) throw new Error('cannot decode');
        handled.push(...records.map((r) => r.offset));
      },
      [record(1), record(2), record(3)],
      ctx,
    );
    expect(handled).toEqual([1n, 3n]);
    expect(published).toHaveLength(1);
    expect(published[0]?.topic).toBe('inbound.messages.v1.dlq');
    const headers = published[0]?.records[0]?.headers ?? {};
    expect(headers[Headers.dlqError]).toBe('cannot decode');
    expect(headers[Headers.dlqAttempts]).toBe('3');
    expect(headers[Headers.dlqOriginalOffset]).toBe('2');
  });

  it('dead-letters records the handler rejects, without retrying the batch', async () => {
    const { ctx, published } = harness();
    let calls = 0;
    await handleWithRetry(
      async (records) => {
        calls += 1;
        return { rejected: [{ record: records[0] as IncomingRecord, error: new Error('unknown tenant') }] };
      },
      [record(7)],
      ctx,
    );
    expect(calls).toBe(1);
    expect(published[0]?.records[0]?.headers?.[Headers.dlqError]).toBe('unknown tenant');
  });
});
