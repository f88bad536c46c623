import { Headers } from '@switchboard/contracts';
import type { IncomingRecord, OutgoingRecord } from '../transport';
import { backoffMs, handleWithRetry } from './handle-with-retry';

const transient = (): Error =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const permanent = (): Error => Object.assign(new Error('unknown tenant'), { kind: 'not_found' });

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
  const sleeps: number[] = [];
  let closing = false;
  return {
    published,
    sleeps,
    close: () => {
      closing = true;
    },
    ctx: {
      policy: { maxAttempts: 3, initialBackoffMs: 100, maxBackoffMs: 1_000 },
      publish: async (topic: string, records: readonly OutgoingRecord[]) => {
        published.push({ topic, records });
      },
      isClosing: () => closing,
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
    },
  };
}

describe('handleWithRetry', () => {
  it('retries an unknown failure and then succeeds without dead-lettering', async () => {
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

  it('retries a transient failure past the attempt budget with capped backoff, then succeeds', async () => {
    const { ctx, published, sleeps } = harness();
    let calls = 0;
    const outcome = await handleWithRetry(
      async () => {
        calls += 1;
        if (calls <= 20) throw transient();
      },
      [record(1), record(2)],
      ctx,
    );
    expect(calls).toBe(21);
    expect(outcome).toEqual({ attempts: 21, deadLettered: 0 });
    expect(sleeps.slice(0, 5)).toEqual([100, 200, 400, 800, 1_000]);
    expect(Math.max(...sleeps)).toBe(1_000);
    expect(published).toEqual([]);
  });

  it('never isolates or dead-letters while a transient failure lasts: closing gives the batch back uncommitted', async () => {
    const { ctx, published, close } = harness();
    const seen: number[] = [];
    const settled = handleWithRetry(
      async (records) => {
        seen.push(records.length);
        if (seen.length === 50) close();
        throw transient();
      },
      [record(1), record(2), record(3)],
      ctx,
    );
    await expect(settled).rejects.toThrow('ECONNREFUSED');
    expect(seen).toHaveLength(50);
    expect(seen.every((size) => size === 3)).toBe(true);
    expect(published).toEqual([]);
  });

  it('dead-letters a permanent failure at once, isolating it from the records that succeed', async () => {
    const { ctx, published } = harness();
    const handled: bigint[] = [];
    let calls = 0;
    const outcome = await handleWithRetry(
      async (records) => {
        calls += 1;
        if (records.some((r) => r.offset === 2n)) throw permanent();
        handled.push(...records.map((r) => r.offset));
      },
      [record(1), record(2), record(3)],
      ctx,
    );
    // One call for the batch, then one per record: a permanent failure is not retried.
    expect(calls).toBe(4);
    expect(handled).toEqual([1n, 3n]);
    expect(outcome).toEqual({ attempts: 4, deadLettered: 1 });
    const headers = published[0]?.records[0]?.headers ?? {};
    expect(headers[Headers.dlqError]).toBe('unknown tenant');
    expect(headers[Headers.dlqAttempts]).toBe('1');
  });

  it('keeps retrying a record whose isolation hits an outage instead of dead-lettering it', async () => {
    const { ctx, published } = harness();
    let outage = 0;
    const handled: bigint[] = [];
    await handleWithRetry(
      async (records) => {
        if (records.length > 1) throw new Error('bug in batch path');
        if (records[0]?.offset === 2n && outage++ < 10) throw transient();
        handled.push(...records.map((r) => r.offset));
      },
      [record(1), record(2)],
      ctx,
    );
    expect(handled).toEqual([1n, 2n]);
    expect(published).toEqual([]);
  });

  it('a transient failure does not use up the budget of unknown ones', async () => {
    const { ctx, published } = harness();
    const failures = [new Error('bug'), transient(), transient(), transient(), new Error('bug')];
    let calls = 0;
    const outcome = await handleWithRetry(
      async () => {
        const failure = failures[calls++];
        if (failure) throw failure;
      },
      [record(1)],
      ctx,
    );
    expect(outcome).toEqual({ attempts: 6, deadLettered: 0 });
    expect(published).toEqual([]);
  });

  it('tells the handler which call is the last before an unknown failure gives the records up', async () => {
    const { ctx } = harness();
    const seen: { size: number; attempt: number; final: boolean }[] = [];
    await handleWithRetry(
      async (records, attempt) => {
        seen.push({ size: records.length, attempt: attempt?.attempt ?? 0, final: attempt?.final ?? false });
        if (seen.length === 2) throw transient();
        throw new Error('bug');
      },
      [record(1), record(2)],
      ctx,
    );
    // The batch: a bug, an outage (not counted), two more bugs; then each record alone, three times.
    expect(seen.slice(0, 4)).toEqual([
      { size: 2, attempt: 1, final: false },
      { size: 2, attempt: 2, final: false },
      { size: 2, attempt: 3, final: false },
      { size: 2, attempt: 4, final: true },
    ]);
    expect(seen.slice(4).map((s) => [s.size, s.attempt, s.final])).toEqual([
      [1, 1, false],
      [1, 2, false],
      [1, 3, true],
      [1, 1, false],
      [1, 2, false],
      [1, 3, true],
    ]);
  });
});

describe('backoffMs', () => {
  it('doubles from initialBackoffMs and stays at maxBackoffMs however long it retries', () => {
    const policy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 5_000 };
    expect([1, 2, 3, 6, 7, 1_000, 1e9].map((n) => backoffMs(policy, n))).toEqual([
      100, 200, 400, 3_200, 5_000, 5_000, 5_000,
    ]);
  });
});
