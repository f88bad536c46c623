import type { Config } from '@switchboard/config';
import { Topics } from '@switchboard/contracts';
import type { CapacityStore } from '@switchboard/coordination';
import { createLogger } from '@switchboard/logger';
import type { Transport } from '@switchboard/messaging';
import type { Database, OutboxRow } from '@switchboard/persistence';
import { AssignTicketsUseCase } from './assign-tickets/assign-tickets.use-case';
import { ticketCreatedHandler } from './assign-tickets/ticket-created.consumer';
import { RoutingDirectory } from './directory/routing-directory';
import { reconcileCapacity } from './reconcile/reconcile-capacity';
import { DrainTeamQueuesUseCase } from './drain-queues/drain-team-queues.use-case';
import { QueueDrainer } from './drain-queues/queue-drainer';
import { expireStalePresence } from './presence/expire-stale-presence';

export interface RoutingServiceDeps {
  readonly db: Database;
  readonly transport: Transport;
  readonly capacity: CapacityStore;
  readonly config: Config;
  /** Receives the outbox rows of each commit (the outbox fast path). */
  readonly onCommitted: (rows: readonly OutboxRow[]) => void;
}

export const ROUTING_SERVICE_GROUP = 'routing-service';

/** The routing service: rebuilds capacity counters, then routes every new ticket. */
export interface RunningRoutingService {
  stop(): Promise<void>;
  /** Drops the cached rules, teams and agents: call it after an edit made in this process. */
  invalidateRouting(): void;
}

export async function startRoutingService(deps: RoutingServiceDeps): Promise<RunningRoutingService> {
  const log = createLogger('RoutingService');
  const agents = await reconcileCapacity(deps.db, deps.capacity);
  log.info({ agents }, 'capacity counters reconciled from Postgres');
  const directory = new RoutingDirectory(log);
  const assign = new AssignTicketsUseCase(deps.db, directory, deps.capacity, log, deps.onCommitted);
  const subscription = await deps.transport.subscribe({
    topic: Topics.ticketEvents,
    groupId: ROUTING_SERVICE_GROUP,
    handler: ticketCreatedHandler(assign),
    maxBatchSize: deps.config.ingest.batchSize,
    concurrency: deps.config.ingest.concurrency,
  });
  const drain = new DrainTeamQueuesUseCase(deps.db, directory, deps.capacity, deps.onCommitted);
  const pass = async (): Promise<number> => {
    const lapsed = await expireStalePresence(deps.db, deps.config.routing.presenceTimeoutMs);
    if (lapsed > 0) {
      log.info({ agents: lapsed }, 'agents without heartbeats set offline');
      directory.invalidate();
    }
    return drain.execute();
  };
  const drainer = new QueueDrainer(pass, log, deps.config.routing.queuePollMs);
  drainer.start();
  return {
    stop: async () => {
      await drainer.stop();
      await subscription.close();
    },
    invalidateRouting: () => directory.invalidate(),
  };
}
