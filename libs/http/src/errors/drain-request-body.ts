import type { IncomingMessage } from 'node:http';

/** Bodies up to this size are read and discarded before an early error answer; larger ones are cut off. */
const MAX_DRAIN_BYTES = 16 * 1_048_576;
const MAX_DRAIN_MS = 5_000;

/**
 * Reads and discards what is left of a request body. Answering (e.g. 413) while the client is still
 * uploading and then closing makes the kernel reset the connection, and the client never sees the
 * answer: browsers show "connection reset" instead of our error. Draining first lets the answer through.
 */
export function drainRequestBody(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = (): void => {
      clearTimeout(timer);
      raw.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      seen += chunk.length;
      if (seen > MAX_DRAIN_BYTES) done();
    };
    const timer = setTimeout(done, MAX_DRAIN_MS);
    raw.on('data', onData);
    raw.once('end', done);
    raw.once('close', done);
    raw.resume();
  });
}
