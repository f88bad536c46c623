import { CountersNotSeededError, type CapacityStore } from '@switchboard/coordination';
import type { SqlExecutor } from '@switchboard/persistence';
import { reconcileCapacity } from '../reconcile/reconcile-capacity';
import { reservationsOf, type DecidedTicket } from './routing-decision.writer';

/**
 * Waits for every decision of a batch. If one failed, the capacity the others reserved is given
 * back before the failure is passed on: a batch that is retried must not hold seats twice.
 */
export async function settleDecisions(
  pending: readonly Promise<DecidedTicket>[],
  capacity: CapacityStore,
): Promise<DecidedTicket[]> {
  const results = await Promise.allSettled(pending);
  const decided = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) {
    await capacity.release(reservationsOf(decided));
    throw failure.reason;
  }
  return decided;
}

/**
 * Runs a batch's decisions; when the coordination store lost its counters (a Redis restart) or
 * never had a tenant's, reseeds them from Postgres and decides again, once.
 */
export async function withSeededCounters<T>(
  db: SqlExecutor,
  capacity: CapacityStore,
  decide: () => Promise<T>,
): Promise<T> {
  try {
    return await decide();
  } catch (error) {
    if (!(error instanceof CountersNotSeededError)) throw error;
    await reconcileCapacity(db, capacity);
    return decide();
  }
}
