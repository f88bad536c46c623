import { Headers, dlqTopicOf } from '@switchboard/contracts';
import type { BatchHandler, IncomingRecord, OutgoingRecord, RetryPolicy } from '../transport';

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 5_000 };

export type DeadLetterPublisher = (topic: string, records: readonly OutgoingRecord[]) => Promise<void>;

export interface RetryContext {
  readonly policy: RetryPolicy;
  readonly publish: DeadLetterPublisher;
  readonly isClosing?: () => boolean;
  readonly onError?: (error: Error, attempt: number, size: number) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attempt - 1));
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

export function toDeadLetter(record: IncomingRecord, error: Error, attempts: number): OutgoingRecord {
  return {
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      [Headers.dlqError]: error.message.slice(0, 2_000),
      [Headers.dlqErrorName]: error.name,
      [Headers.dlqAttempts]: String(attempts),
      [Headers.dlqOriginalTopic]: record.topic,
      [Headers.dlqOriginalPartition]: String(record.partition),
      [Headers.dlqOriginalOffset]: record.offset.toString(),
      [Headers.dlqFailedAt]: new Date().toISOString(),
    },
  };
}

async function attempt(
  handler: BatchHandler,
  records: readonly IncomingRecord[],
  ctx: RetryContext,
): Promise<{ ok: true; rejected: OutgoingRecord[] } | { ok: false; error: Error }> {
  const sleep = ctx.sleep ?? defaultSleep;
  let lastError = new Error('not attempted');
  for (let n = 1; n <= ctx.policy.maxAttempts; n++) {
    try {
      const result = await handler(records);
      const rejected = (result?.rejected ?? []).map((r) => toDeadLetter(r.record, r.error, n));
      return { ok: true, rejected };
    } catch (caught) {
      lastError = asError(caught);
      ctx.onError?.(lastError, n, records.length);
      if (ctx.isClosing?.()) break;
      if (n < ctx.policy.maxAttempts) await sleep(backoffMs(ctx.policy, n));
    }
  }
  return { ok: false, error: lastError };
}

/**
 * Runs a batch handler with retries. When the whole batch keeps failing, each record is retried on
 * its own so that one poison record cannot hold back the others; records that still fail go to
 * `<topic>.dlq` with the error in headers. Resolves when every record is either handled or
 * dead-lettered, so the caller may commit offsets. Throws only when closing or when the DLQ write fails.
 */
export async function handleWithRetry(
  handler: BatchHandler,
  records: readonly IncomingRecord[],
  ctx: RetryContext,
): Promise<void> {
  if (records.length === 0) return;
  const topic = records[0]?.topic ?? '';
  const whole = await attempt(handler, records, ctx);
  if (whole.ok) {
    if (whole.rejected.length > 0) await ctx.publish(dlqTopicOf(topic), whole.rejected);
    return;
  }
  if (ctx.isClosing?.()) throw whole.error;
  const dead: OutgoingRecord[] = [];
  for (const record of records) {
    const single = await attempt(handler, [record], ctx);
    if (single.ok) dead.push(...single.rejected);
    else if (ctx.isClosing?.()) throw single.error;
    else dead.push(toDeadLetter(record, single.error, ctx.policy.maxAttempts));
  }
  if (dead.length > 0) await ctx.publish(dlqTopicOf(topic), dead);
}
