import { Headers, dlqTopicOf } from '@switchboard/contracts';
import type { BatchHandler, IncomingRecord, OutgoingRecord, RetryPolicy } from '../transport';
import { classifyFailure } from './failure-classifier';
import type { FailureClass } from './failure-classifier';

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 5_000 };

export type DeadLetterPublisher = (topic: string, records: readonly OutgoingRecord[]) => Promise<void>;

export interface RetryContext {
  readonly policy: RetryPolicy;
  readonly publish: DeadLetterPublisher;
  readonly isClosing?: () => boolean;
  readonly onError?: (error: Error, attempt: number, size: number, failure: FailureClass) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Defaults to classifyFailure; a test may pin it. */
  readonly classify?: (error: unknown) => FailureClass;
}

/** How a batch was settled: attempts is the number of handler calls, deadLettered the DLQ writes. */
export interface BatchOutcome {
  readonly attempts: number;
  readonly deadLettered: number;
}

/** 'ok': first call succeeded; 'retried': succeeded after failures; 'failed': something was dead-lettered. */
export function outcomeKind(outcome: BatchOutcome): 'ok' | 'retried' | 'failed' {
  if (outcome.deadLettered > 0) return 'failed';
  return outcome.attempts > 1 ? 'retried' : 'ok';
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential, capped at maxBackoffMs; the exponent is bounded so endless transient retries stay finite. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** exponent);
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

type Attempted =
  | { readonly ok: true; readonly attempts: number; readonly rejected: OutgoingRecord[] }
  | { readonly ok: false; readonly attempts: number; readonly error: Error };

/**
 * Calls the handler until it succeeds, a failure is permanent, unknown failures used up the policy's
 * attempts, or the consumer closes. Transient failures never use up the budget: they are retried with
 * capped backoff for as long as they last, so an outage holds the batch back instead of dead-lettering it.
 */
async function attempt(
  handler: BatchHandler,
  records: readonly IncomingRecord[],
  ctx: RetryContext,
): Promise<Attempted> {
  const sleep = ctx.sleep ?? defaultSleep;
  const classify = ctx.classify ?? classifyFailure;
  let unknownFailures = 0;
  for (let n = 1; ; n++) {
    try {
      const result = await handler(records, { attempt: n, final: unknownFailures + 1 >= ctx.policy.maxAttempts });
      return {
        ok: true,
        attempts: n,
        rejected: (result?.rejected ?? []).map((r) => toDeadLetter(r.record, r.error, n)),
      };
    } catch (caught) {
      const error = asError(caught);
      const failure = classify(caught);
      ctx.onError?.(error, n, records.length, failure);
      if (failure === 'unknown') unknownFailures += 1;
      const givesUp = failure === 'permanent' || unknownFailures >= ctx.policy.maxAttempts;
      if (givesUp || ctx.isClosing?.()) return { ok: false, attempts: n, error };
      await sleep(backoffMs(ctx.policy, n));
      if (ctx.isClosing?.()) return { ok: false, attempts: n, error };
    }
  }
}

/**
 * Runs a batch handler with retries (see `attempt` for transient vs permanent vs unknown). When the
 * whole batch fails for good, each record is retried on its own so that one poison record cannot hold
 * back the others; records that still fail go to `<topic>.dlq` with the error in headers. Resolves when
 * every record is either handled or dead-lettered, so the caller may commit offsets. Throws only when
 * closing cut it short or when the DLQ write fails: the caller then must not commit.
 */
export async function handleWithRetry(
  handler: BatchHandler,
  records: readonly IncomingRecord[],
  ctx: RetryContext,
): Promise<BatchOutcome> {
  if (records.length === 0) return { attempts: 0, deadLettered: 0 };
  const topic = records[0]?.topic ?? '';
  const whole = await attempt(handler, records, ctx);
  if (whole.ok) {
    if (whole.rejected.length > 0) await ctx.publish(dlqTopicOf(topic), whole.rejected);
    return { attempts: whole.attempts, deadLettered: whole.rejected.length };
  }
  if (ctx.isClosing?.()) throw whole.error;
  const dead: OutgoingRecord[] = [];
  let attempts = whole.attempts;
  for (const record of records) {
    const single: Attempted = records.length === 1 ? whole : await attempt(handler, [record], ctx);
    if (single !== whole) attempts += single.attempts;
    if (single.ok) dead.push(...single.rejected);
    else if (ctx.isClosing?.()) throw single.error;
    else dead.push(toDeadLetter(record, single.error, single.attempts));
  }
  if (dead.length > 0) await ctx.publish(dlqTopicOf(topic), dead);
  return { attempts, deadLettered: dead.length };
}
