import type { Logger } from '@switchboard/logger';
import { observeBatch } from '../observer/observe-batch';
import { defaultRetryPolicy, handleWithRetry } from '../retry/handle-with-retry';
import type { OutgoingRecord, SubscribeOptions, Subscription, Transport } from '../transport';
import { TopicLog } from './topic-log';

/**
 * The embedded mode's stand-in for Kafka: one ordered in-memory log per topic, consumer groups with
 * cursors, the same batch + retry + DLQ semantics as the Kafka transport. Nothing survives the
 * process, which is why channels in the embedded mode answer only after the ticket is committed.
 */
export class InProcessTransport implements Transport {
  readonly kind = 'in-process' as const;
  private readonly logs = new Map<string, TopicLog>();
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly log?: Logger) {}

  async ensureTopics(topics: readonly string[]): Promise<void> {
    for (const topic of topics) this.topicLog(topic);
  }

  async publish(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    this.topicLog(topic).append(records);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const log = this.topicLog(options.topic);
    log.join(options.groupId, options.startFrom ?? 'earliest');
    const policy = { ...defaultRetryPolicy, ...options.retry };
    let closing = false;
    const loop = (async () => {
      while (!closing) {
        const batch = await log.take(options.groupId, options.maxBatchSize ?? 500);
        if (closing || batch.length === 0) continue;
        const startedAt = performance.now();
        const outcome = await handleWithRetry(options.handler, batch, {
          policy,
          publish: (topic, records) => this.publish(topic, records),
          isClosing: () => closing,
          onError: (error, attempt, size, failure) =>
            this.log?.warn({ err: error, topic: options.topic, attempt, size, failure }, 'batch handler failed'),
        });
        observeBatch(options, batch.length, startedAt, outcome);
        const last = batch[batch.length - 1];
        if (last && !closing) log.commit(options.groupId, Number(last.offset) + 1);
      }
    })();
    const subscription: Subscription = {
      close: async () => {
        closing = true;
        log.leave(options.groupId);
        await loop.catch(() => undefined);
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async health(): Promise<void> {
    // Nothing to reach: the log lives in this process.
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
  }

  private topicLog(topic: string): TopicLog {
    let log = this.logs.get(topic);
    if (!log) {
      log = new TopicLog(topic);
      this.logs.set(topic, log);
    }
    return log;
  }
}
