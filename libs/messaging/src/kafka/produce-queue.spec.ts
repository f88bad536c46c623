import type { KafkaMessageToProduce } from './kafka-record.mapper';
import { ProduceQueue } from './produce-queue';

const message = (value: string, size = 10) => ({
  message: { topic: 't', value: Buffer.from(value) } satisfies KafkaMessageToProduce,
  size,
});
const values = (messages: KafkaMessageToProduce[]): string[] => messages.map((m) => m.value?.toString() ?? '');

describe('ProduceQueue', () => {
  it('never sends concurrently and folds what was published meanwhile into the next request, in order', async () => {
    const requests: string[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const queue = new ProduceQueue(async (messages) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      requests.push(values(messages));
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
    });
    await Promise.all([queue.enqueue([message('a')]), queue.enqueue([message('b')]), queue.enqueue([message('c')])]);
    expect(maxInFlight).toBe(1);
    expect(requests).toEqual([['a'], ['b', 'c']]);
  });

  it('splits by size and fails every publish whose records were in a failed request', async () => {
    const requests: string[][] = [];
    const queue = new ProduceQueue(async (messages) => {
      requests.push(values(messages));
      if (values(messages).includes('bad')) throw new Error('broker said no');
    }, 25);
    const big = queue.enqueue([message('a'), message('b'), message('bad')]);
    const next = queue.enqueue([message('c')]);
    await expect(big).rejects.toThrow('broker said no');
    await expect(next).rejects.toThrow('broker said no');
    await queue.idle();
    expect(requests).toEqual([
      ['a', 'b'],
      ['bad', 'c'],
    ]);
  });
});
