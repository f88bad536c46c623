import { outcomeKind } from '../retry/handle-with-retry';
import type { BatchOutcome } from '../retry/handle-with-retry';
import type { MessagingObserver } from './messaging-observer';

/** Where a consumer loop reports to: its observer and the logical names it reports under. */
export interface ObservedSubscription {
  readonly observer?: MessagingObserver;
  readonly topic: string;
  readonly groupId: string;
}

/** Reports one settled batch (and its dead letters) to the subscription's observer, if any. */
export function observeBatch(
  target: ObservedSubscription,
  size: number,
  startedAt: number,
  outcome: BatchOutcome,
): void {
  const { observer, topic, groupId } = target;
  if (!observer) return;
  observer.batchHandled(topic, groupId, size, performance.now() - startedAt, outcomeKind(outcome));
  if (outcome.deadLettered > 0) observer.deadLettered(topic, outcome.deadLettered);
}
