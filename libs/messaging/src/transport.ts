import type { MessagingObserver } from './observer/messaging-observer';

/** A record handed to a transport for publishing. Resolves only after the broker acknowledged it. */
export interface OutgoingRecord {
  readonly key: string;
  readonly value: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A record read from a topic. Offsets are per partition and strictly increasing. */
export interface IncomingRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly key: string;
  readonly value: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: number;
}

/** One record the handler refuses for good (bad payload, unknown tenant): it goes to the DLQ with the error. */
export interface Rejection {
  readonly record: IncomingRecord;
  readonly error: Error;
}

export interface BatchResult {
  readonly rejected?: readonly Rejection[];
}

/**
 * Handles a batch of records in partition order. Its effects must be durable when it resolves:
 * offsets are committed right after. Throwing means "retry": a transient error (see classifyFailure)
 * is retried until it succeeds, a permanent one dead-letters the failing records, an unknown one is
 * retried `maxAttempts` times and then dead-lettered record by record.
 */
/** `attempt` is given by the retry loop; a handler that wraps another may pass it on. */
export type BatchHandler = (records: readonly IncomingRecord[], attempt?: BatchAttempt) => Promise<BatchResult | void>;

/** Which call of the handler this is, for handlers that answer a sender before giving a record up. */
export interface BatchAttempt {
  /** 1-based, per batch and again per record once the batch is split. */
  readonly attempt: number;
  /**
   * An unknown failure of this call dead-letters the records: the handler's last chance to refuse them
   * itself (with a receipt to the sender) rather than leave the DLQ record alone.
   */
  readonly final: boolean;
}

export interface RetryPolicy {
  /** Attempts per batch, and then per record, before a record failing with an unknown error goes to the DLQ. */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export interface SubscribeOptions {
  readonly topic: string;
  readonly groupId: string;
  readonly handler: BatchHandler;
  readonly maxBatchSize?: number;
  /** How long to wait for a batch to fill before handing over what is there. */
  readonly maxWaitMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Where a group with no committed offset starts: 'earliest' (default, nothing is missed) or
   * 'latest' (per-instance listeners such as a channel waiting for receipts of its own requests).
   */
  readonly startFrom?: 'earliest' | 'latest';
  /**
   * Group members this subscription runs in this process (default 1). Partitions are spread over them
   * and their batches run in parallel; each partition's order is kept. The in-process transport has
   * one ordered log per topic and always runs one.
   */
  readonly concurrency?: number;
  /** Told about every settled batch, dead letters and (Kafka) consumer lag. */
  readonly observer?: MessagingObserver;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface Transport {
  readonly kind: 'kafka' | 'in-process';
  ensureTopics(topics: readonly string[]): Promise<void>;
  publish(topic: string, records: readonly OutgoingRecord[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Resolves when the transport can reach its broker (Kafka: a metadata request); for readiness checks. */
  health(): Promise<void>;
  close(): Promise<void>;
}
