import { Readable } from 'node:stream';
import { BatchReader } from './batch-reader';

const source = (): Readable => new Readable({ objectMode: true, read: () => undefined });

describe('BatchReader', () => {
  it('hands over what is buffered in batches of at most maxSize, then waits for more', async () => {
    const stream = source();
    const reader = new BatchReader<number>(stream);
    for (let i = 1; i <= 5; i++) stream.push(i);
    expect(await reader.next(3, 0)).toEqual([1, 2, 3]);
    expect(await reader.next(3, 0)).toEqual([4, 5]);
    const waiting = reader.next(3, 0);
    stream.push(6);
    expect(await waiting).toEqual([6]);
  });

  it('resolves null once stopped, and once the stream has ended', async () => {
    const stopped = new BatchReader<number>(source());
    const waiting = stopped.next(10, 0);
    stopped.stop();
    expect(await waiting).toBeNull();

    const stream = source();
    const ended = new BatchReader<number>(stream);
    stream.destroy(new Error('broker gone'));
    expect(await ended.next(10, 0)).toBeNull();
    expect(ended.failure?.message).toBe('broker gone');
  });
});
