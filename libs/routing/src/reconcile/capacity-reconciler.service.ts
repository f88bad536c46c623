import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CAPACITY_STORE, type CapacityStore } from '@switchboard/coordination';
import { createLogger } from '@switchboard/logger';
import { DATABASE, type Database } from '@switchboard/persistence';
import { reconcileCapacity } from './reconcile-capacity';

/**
 * Seeds the agents' load counters from Postgres when the routing service starts: in onModuleInit, so
 * before the queue drainer (onApplicationBootstrap) and the consumers (connected after init) decide anything.
 */
@Injectable()
export class CapacityReconcilerService implements OnModuleInit {
  private readonly log = createLogger('RoutingService');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CAPACITY_STORE) private readonly capacity: CapacityStore,
  ) {}

  async onModuleInit(): Promise<void> {
    const agents = await reconcileCapacity(this.db, this.capacity);
    this.log.info({ agents }, 'capacity counters reconciled from Postgres');
  }
}
