import { setTimeout as delay } from 'node:timers/promises';
import { observeBatch } from '../observer/observe-batch';
import type { ObservedSubscription } from '../observer/observe-batch';
import type { BatchOutcome, DeadLetterPublisher, RetryContext } from '../retry/handle-with-retry';
import { backoffMs, defaultRetryPolicy, handleWithRetry } from '../retry/handle-with-retry';
import type { RetryPolicy, SubscribeOptions, Subscription } from '../transport';
import type { KafkaClientOptions } from './kafka-client.options';
import { KafkaConsumerSession } from './kafka-consumer-session';
import type { KafkaConsumerSessionOptions } from './kafka-consumer-session';
import type { KafkaMessage } from './kafka-record.mapper';
import { toIncomingRecord } from './kafka-record.mapper';
import { kafkaDefaults } from './kafka-transport.options';
import type { KafkaLogger } from './kafka-transport.options';

export interface KafkaSubscriptionOptions {
  readonly client: KafkaClientOptions;
  readonly wireTopic: string;
  readonly subscribe: SubscribeOptions;
  /** Publishes to a logical topic: dead letters go through the transport's own producer. */
  readonly publish: DeadLetterPublisher;
  readonly logger: KafkaLogger;
  /** Logical topic and group (subscribe.groupId is the wire name) the observer reports under. */
  readonly observed: ObservedSubscription;
}

/**
 * Reads one topic as a group member and hands batches to the handler strictly one after another, so
 * records of a partition are handled in order and a batch never overtakes an unhandled record.
 * Offsets are committed only after handleWithRetry has settled every record of the batch.
 * If the consumer fails (broker gone, group error) it is replaced, resuming from committed offsets.
 */
export class KafkaSubscription implements Subscription {
  readonly #closing = new AbortController();
  readonly #policy: RetryPolicy;
  readonly #context: Readonly<Record<string, unknown>>;
  #running: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: KafkaSubscriptionOptions,
    private session: KafkaConsumerSession,
  ) {
    this.#policy = { ...defaultRetryPolicy, ...options.subscribe.retry };
    this.#context = { topic: options.subscribe.topic, groupId: options.subscribe.groupId };
  }

  static async start(options: KafkaSubscriptionOptions): Promise<KafkaSubscription> {
    const subscription = new KafkaSubscription(options, await KafkaConsumerSession.open(sessionOptions(options)));
    subscription.#running = subscription.#run();
    return subscription;
  }

  /** Stops fetching, lets the batch in hand finish and commit, then leaves the group. */
  async close(): Promise<void> {
    this.#closing.abort();
    this.session.reader.stop();
    await this.#running;
  }

  get #isClosing(): boolean {
    return this.#closing.signal.aborted;
  }

  async #run(): Promise<void> {
    for (;;) {
      await this.#consume(this.session);
      await this.session.close().catch((error: unknown) => this.#log('warn', 'closing kafka consumer failed', error));
      if (this.#isClosing) return;
      this.#log('warn', 'kafka consumer stopped, reconnecting', this.session.reader.failure);
      const next = await this.#reopen();
      if (!next) return;
      this.session = next;
    }
  }

  async #reopen(): Promise<KafkaConsumerSession | null> {
    for (let attempt = 1; !this.#isClosing; attempt++) {
      await this.#sleep(backoffMs(this.#policy, attempt));
      if (this.#isClosing) return null;
      try {
        return await KafkaConsumerSession.open(sessionOptions(this.options));
      } catch (error) {
        this.#log('warn', 'kafka consumer reconnect failed', error);
      }
    }
    return null;
  }

  async #consume(session: KafkaConsumerSession): Promise<void> {
    const { maxBatchSize = kafkaDefaults.maxBatchSize, maxWaitMs = kafkaDefaults.maxWaitMs } = this.options.subscribe;
    while (!this.#isClosing) {
      const batch = await session.nextBatch(maxBatchSize, maxWaitMs);
      if (batch === null) return;
      const started = performance.now();
      const outcome = await this.#handle(batch);
      if (!outcome) return;
      const handled = performance.now();
      observeBatch(this.options.observed, batch.length, started, outcome);
      await session.commit(batch).catch((error: unknown) => this.#log('warn', 'offset commit failed', error));
      this.options.logger('debug', 'batch handled', {
        ...this.#context,
        size: batch.length,
        handleMs: Math.round(handled - started),
        commitMs: Math.round(performance.now() - handled),
      });
    }
  }

  /** The outcome once every record is handled or dead-lettered; null when closing cut the batch short. */
  async #handle(batch: readonly KafkaMessage[]): Promise<BatchOutcome | null> {
    const records = batch.map((message) => toIncomingRecord(this.options.subscribe.topic, message));
    const context: RetryContext = {
      policy: this.#policy,
      publish: this.options.publish,
      isClosing: () => this.#isClosing,
      onError: (error, attempt, size, failure) =>
        this.#log('warn', 'handler failed', error, { attempt, size, failure }),
      sleep: (ms) => this.#sleep(ms),
    };
    for (let attempt = 1; ; attempt++) {
      try {
        return await handleWithRetry(this.options.subscribe.handler, records, context);
      } catch (error) {
        if (this.#isClosing) return null;
        // Only a failed dead-letter write gets here: keep the batch (and its partitions) until it works.
        this.#log('error', 'batch could not be settled, retrying', error, { attempt });
        await this.#sleep(backoffMs(this.#policy, attempt));
      }
    }
  }

  /** Backoff that ends early on close, so close() never waits out a retry delay. */
  async #sleep(ms: number): Promise<void> {
    await delay(ms, undefined, { signal: this.#closing.signal }).catch(() => undefined);
  }

  #log(level: 'warn' | 'error', message: string, error: unknown, extra: Record<string, unknown> = {}): void {
    this.options.logger(level, message, { ...this.#context, ...extra, error });
  }
}

function sessionOptions(options: KafkaSubscriptionOptions): KafkaConsumerSessionOptions {
  return {
    client: options.client,
    groupId: options.subscribe.groupId,
    wireTopic: options.wireTopic,
    maxBatchSize: options.subscribe.maxBatchSize ?? kafkaDefaults.maxBatchSize,
    startFrom: options.subscribe.startFrom ?? 'earliest',
    logger: options.logger,
    observed: options.observed,
  };
}
