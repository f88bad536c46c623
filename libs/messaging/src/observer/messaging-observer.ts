/**
 * Port for consumer metrics (the metrics module implements it with prom-client). Called from the
 * consumer loops of both transports; must be cheap and must not throw.
 */
export interface MessagingObserver {
  /** One batch settled: handled (possibly after retries) or partly dead-lettered. durationMs includes retries. */
  batchHandled(
    topic: string,
    groupId: string,
    size: number,
    durationMs: number,
    outcome: 'ok' | 'retried' | 'failed',
  ): void;
  deadLettered(topic: string, count: number): void;
  /** Records behind the partition's end, sampled periodically (Kafka only). */
  consumerLag(topic: string, groupId: string, partition: number, lag: number): void;
}

/** Optional provider token; without a provider MessagingModule uses noopMessagingObserver. */
export const MESSAGING_OBSERVER = Symbol('MESSAGING_OBSERVER');

export const noopMessagingObserver: MessagingObserver = {
  batchHandled: () => undefined,
  deadLettered: () => undefined,
  consumerLag: () => undefined,
};
