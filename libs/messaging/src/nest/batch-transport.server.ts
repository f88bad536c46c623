import { Inject, Injectable, Optional } from '@nestjs/common';
import { Server } from '@nestjs/microservices';
import type { CustomTransportStrategy, MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { MESSAGING_OBSERVER, noopMessagingObserver } from '../observer/messaging-observer';
import type { MessagingObserver } from '../observer/messaging-observer';
import type { BatchAttempt, BatchResult, IncomingRecord, Subscription, Transport } from '../transport';
import { BatchContext } from './batch.context';
import { BATCH_EXTRAS_KEY } from './batch-event-pattern.decorator';
import type { BatchConsumerOptions, BatchConsumerOptionsSource } from './batch-event-pattern.decorator';
import { CONFIG, type Config } from '@switchboard/config';
import { BATCH_TRANSPORT_ID, TRANSPORT } from './messaging.tokens';
import { inConsumerSpan } from '../tracing/trace-context';

interface Binding {
  readonly topic: string;
  readonly handler: MessageHandler;
  readonly options: BatchConsumerOptions;
}

/**
 * @nestjs/microservices transport strategy over our Transport (Kafka or in-process). Each
 * @BatchEventPattern method becomes one Transport subscription with its group, batch size and
 * concurrency; the transport keeps per-partition order, retries, dead-letters and commits. The handler
 * is awaited, observable or promise: the base Server only connects an event handler's stream without
 * subscribing, so a failure would vanish and its offsets would be committed.
 */
@Injectable()
export class BatchTransportServer extends Server implements CustomTransportStrategy {
  override transportId = BATCH_TRANSPORT_ID;
  override readonly propagatesEventHandlerErrors = true;
  readonly #bindings: Binding[] = [];
  #subscriptions: Subscription[] = [];

  constructor(
    @Inject(TRANSPORT) private readonly transport: Transport,
    @Optional() @Inject(MESSAGING_OBSERVER) private readonly observer: MessagingObserver = noopMessagingObserver,
    @Optional() @Inject(CONFIG) private readonly config?: Config,
  ) {
    super();
  }

  /** Called by Nest for every handler found in controllers; two groups may consume one topic. */
  override addHandler(
    pattern: unknown,
    callback: MessageHandler,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    const topic = this.normalizePattern(pattern as string);
    const source = extras[BATCH_EXTRAS_KEY] as BatchConsumerOptionsSource | undefined;
    if (!isEventHandler || !source) {
      throw new Error(`${topic}: the batch transport only runs @BatchEventPattern(topic, { groupId }) handlers`);
    }
    callback.isEventHandler = true;
    callback.extras = extras;
    this.#bindings.push({ topic, handler: callback, options: this.#resolve(topic, source) });
  }

  #resolve(topic: string, source: BatchConsumerOptionsSource): BatchConsumerOptions {
    if (typeof source !== 'function') return source;
    if (!this.config) throw new Error(`${topic}: its consumer options read CONFIG, which this app does not provide`);
    return source(this.config);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    const started = await Promise.allSettled(this.#bindings.map((binding) => this.#subscribe(binding)));
    this.#subscriptions = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (!failure) return callback();
    await this.close();
    callback(failure.reason);
  }

  /** Stops every subscription; each lets its batch in hand finish and commit first. */
  async close(): Promise<void> {
    const subscriptions = this.#subscriptions;
    this.#subscriptions = [];
    await Promise.allSettled(subscriptions.map((subscription) => subscription.close()));
  }

  on(): never {
    throw new Error('BatchTransportServer emits no events');
  }

  unwrap<T>(): T {
    return this.transport as T;
  }

  #subscribe(binding: Binding): Promise<Subscription> {
    const { groupId, concurrency, maxBatchSize, maxWaitMs, startFrom, retry } = binding.options;
    return this.transport.subscribe({
      topic: binding.topic,
      groupId,
      concurrency,
      maxBatchSize,
      maxWaitMs,
      startFrom,
      retry,
      observer: this.observer,
      handler: (records, attempt = { attempt: 1, final: false }) =>
        inConsumerSpan(binding.topic, groupId, records, () => this.#invoke(binding, records, attempt)),
    });
  }

  /** Runs the handler inside Nest's processing hooks and settles with its result or its original error. */
  #invoke(binding: Binding, records: readonly IncomingRecord[], attempt: BatchAttempt): Promise<BatchResult | void> {
    const context = new BatchContext([binding.topic, binding.options.groupId, attempt]);
    return new Promise((resolve, reject) => {
      this.runWithProcessingHooks(context, async (runEndHook) => {
        try {
          resolve(await callHandler(binding.handler, records, context));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error), { cause: error }));
        } finally {
          runEndHook();
        }
      });
    });
  }
}

async function callHandler(
  handler: MessageHandler,
  records: readonly IncomingRecord[],
  context: BatchContext,
): Promise<BatchResult | void> {
  const returned: unknown = await handler(records, context);
  const value: unknown = isObservable(returned) ? await lastValueFrom(returned, { defaultValue: undefined }) : returned;
  return isBatchResult(value) ? value : undefined;
}

function isBatchResult(value: unknown): value is BatchResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as BatchResult).rejected);
}
