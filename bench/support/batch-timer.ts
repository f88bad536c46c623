export interface BatchTimings {
  /** Wall time of all measured batches, one after another. */
  readonly totalMs: number;
  /** Wall time of each batch, from issuing its first call to the last one resolving. */
  readonly batchMs: readonly number[];
}

/**
 * Runs `handle` on `warmup` once (untimed: JIT, connections, script cache), then on `items` in
 * batches of `batch`, one batch after another as one consumer member handles its partition.
 */
export async function timeBatches<T>(
  warmup: readonly T[],
  items: readonly T[],
  batch: number,
  handle: (slice: readonly T[]) => Promise<unknown>,
): Promise<BatchTimings> {
  if (warmup.length > 0) await handle(warmup);
  const batchMs: number[] = [];
  const started = performance.now();
  for (let i = 0; i < items.length; i += batch) {
    const t0 = performance.now();
    await handle(items.slice(i, i + batch));
    batchMs.push(performance.now() - t0);
  }
  return { totalMs: performance.now() - started, batchMs };
}
