import { Headers } from '@switchboard/contracts';
import type { IncomingRecord } from '../transport';
import { InProcessTransport } from './in-process-transport';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

function collector() {
  const seen: IncomingRecord[] = [];
  let notify: () => void = () => undefined;
  return {
    seen,
    handler: async (records: readonly IncomingRecord[]) => {
      seen.push(...records);
      notify();
    },
    until: (count: number) =>
      new Promise<void>((resolve) => {
        notify = () => {
          if (seen.length >= count) resolve();
        };
        notify();
      }),
  };
}

describe('InProcessTransport', () => {
  let transport: InProcessTransport;
  beforeEach(() => {
    transport = new InProcessTransport();
  });
  afterEach(() => transport.close());

  it('delivers records in order, in batches, to each group once', async () => {
    const a = collector();
    const b = collector();
    await transport.subscribe({ topic: 't', groupId: 'a', handler: a.handler, maxBatchSize: 10 });
    await transport.subscribe({ topic: 't', groupId: 'b', handler: b.handler });
    await transport.publish(
      't',
      Array.from({ length: 25 }, (_, i) => ({ key: `k${i % 3}`, value: bytes(String(i)) })),
    );
    await Promise.all([a.until(25), b.until(25)]);
    expect(a.seen.map((r) => text(r.value))).toEqual(Array.from({ length: 25 }, (_, i) => String(i)));
    expect(b.seen).toHaveLength(25);
  });

  it("a 'latest' group sees only what is published after it joined", async () => {
    await transport.publish('t', [{ key: 'k', value: bytes('old') }]);
    const late = collector();
    await transport.subscribe({ topic: 't', groupId: 'late', handler: late.handler, startFrom: 'latest' });
    await transport.publish('t', [{ key: 'k', value: bytes('new') }]);
    await late.until(1);
    expect(late.seen.map((r) => text(r.value))).toEqual(['new']);
  });

  it('dead-letters a record that keeps failing and goes on with the rest', async () => {
    const handled = collector();
    const dlq = collector();
    await transport.subscribe({ topic: 't.dlq', groupId: 'ops', handler: dlq.handler });
    await transport.subscribe({
      topic: 't',
      groupId: 'g',
      retry: { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 1 },
      handler: async (records) => {
        if (records.some((r) => text(r.value) === 'poison')) throw new Error('cannot handle poison');
        await handled.handler(records);
      },
    });
    await transport.publish(
      't',
      ['ok1', 'poison', 'ok2'].map((v) => ({ key: 'k', value: bytes(v) })),
    );
    await Promise.all([handled.until(2), dlq.until(1)]);
    expect(handled.seen.map((r) => text(r.value))).toEqual(['ok1', 'ok2']);
    expect(text(dlq.seen[0]?.value ?? new Uint8Array())).toBe('poison');
    expect(dlq.seen[0]?.headers[Headers.dlqError]).toBe('cannot handle poison');
  });
});
