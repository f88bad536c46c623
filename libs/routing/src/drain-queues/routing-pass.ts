import type { Logger } from '@switchboard/logger';
import type { Database } from '@switchboard/persistence';
import type { RoutingDirectory } from '../directory/routing-directory';
import { expireStalePresence } from '../presence/expire-stale-presence';
import type { DrainTeamQueuesUseCase } from './drain-team-queues.use-case';
import { findQueueLengths, QueueLengthReporter, type QueueGauge } from './queue-lengths';

export interface RoutingPassDeps {
  readonly db: Database;
  readonly directory: RoutingDirectory;
  readonly drain: DrainTeamQueuesUseCase;
  readonly presenceTimeoutMs: number;
  readonly log: Logger;
  readonly metrics: QueueGauge & { routingDecisions(outcome: 'assigned', count: number): void };
}

/**
 * One pass of the queue drainer: agents without heartbeats go offline (and the directory forgets
 * them), the team queues are served, and the queue lengths reported. Returns how many it assigned.
 */
export class RoutingPass {
  private readonly queues: QueueLengthReporter;

  constructor(private readonly deps: RoutingPassDeps) {
    this.queues = new QueueLengthReporter(deps.metrics);
  }

  async run(): Promise<number> {
    const lapsed = await expireStalePresence(this.deps.db, this.deps.presenceTimeoutMs);
    if (lapsed > 0) {
      this.deps.log.info({ agents: lapsed }, 'agents without heartbeats set offline');
      this.deps.directory.invalidate();
    }
    const assigned = await this.deps.drain.execute();
    if (assigned > 0) this.deps.metrics.routingDecisions('assigned', assigned);
    this.queues.report(await findQueueLengths(this.deps.db));
    return assigned;
  }
}
