import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createLogger } from '@switchboard/logger';
import { QueueDrainer } from './queue-drainer';
import type { RoutingPass } from './routing-pass';

/**
 * Runs the routing pass every `config.routing.queuePollMs` while the app runs; stopped before the
 * database closes. Provided by a factory (it takes the interval).
 */
export class QueueDrainerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly drainer: QueueDrainer;

  constructor(pass: RoutingPass, intervalMs: number) {
    this.drainer = new QueueDrainer(() => pass.run(), createLogger(QueueDrainer.name), intervalMs);
  }

  onApplicationBootstrap(): void {
    this.drainer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.drainer.stop();
  }
}
