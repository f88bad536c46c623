import { applyDecorators, Catch, UseFilters } from '@nestjs/common';
import type { RpcExceptionFilter } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { Observable } from 'rxjs';
import { throwError } from 'rxjs';
import type { Config } from '@switchboard/config';
import type { RetryPolicy, SubscribeOptions } from '../transport';
import { BATCH_TRANSPORT_ID } from './messaging.tokens';

/** How a @BatchEventPattern handler is subscribed; the same options as Transport.subscribe. */
export interface BatchConsumerOptions {
  readonly groupId: string;
  readonly concurrency?: number;
  readonly maxBatchSize?: number;
  readonly maxWaitMs?: number;
  readonly startFrom?: 'earliest' | 'latest';
  readonly retry?: Partial<RetryPolicy>;
}

/** Options fixed in code, or read from the validated configuration when the consumers subscribe. */
export type BatchConsumerOptionsSource = BatchConsumerOptions | ((config: Config) => BatchConsumerOptions);

/** Marks the extras as ours, so the server can tell a batch handler from a stray @EventPattern. */
export const BATCH_EXTRAS_KEY = 'switchboardBatch';

export type BatchPatternExtras = { readonly [BATCH_EXTRAS_KEY]: BatchConsumerOptionsSource };

/**
 * Nest's default RPC filter replaces any error with `{ status: 'error', message: 'Internal server error' }`:
 * the retry loop would then see neither the SQLSTATE nor the DomainException kind it classifies by.
 * This method-level filter (it runs before global ones) hands the original error on unchanged.
 */
@Catch()
export class RethrowToConsumerFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * A Kafka/in-process consumer method: `@BatchEventPattern(Topics.x, { groupId: 'tickets' })`. The
 * method receives `readonly IncomingRecord[]` (one whole batch, in partition order) and returns
 * `BatchResult | void` (or a Promise/Observable of it); offsets are committed once it resolved. The
 * class must be in a module's `controllers`, which is where @nestjs/microservices looks for handlers.
 * Options may be a function of CONFIG (`(config) => ({ groupId, maxBatchSize: config.ingest.batchSize })`).
 */
export function BatchEventPattern(
  topic: SubscribeOptions['topic'],
  options: BatchConsumerOptionsSource,
): MethodDecorator {
  const extras: BatchPatternExtras = { [BATCH_EXTRAS_KEY]: options };
  const pattern: MethodDecorator = EventPattern<string>(topic, BATCH_TRANSPORT_ID, extras);
  return applyDecorators(pattern, UseFilters(RethrowToConsumerFilter));
}
