import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { createLogger } from '@switchboard/logger';
import { DATABASE, type Database } from '@switchboard/persistence';
import { purgeReceipts } from './inbound-receipts.repository';

/** A status link older than this answers "unknown": a month covers every customer who still asks. */
export const RECEIPT_RETENTION_DAYS = 30;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** Forgets old inbound receipts hourly; stopped before the database shuts down. */
@Injectable()
export class ReceiptRetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = createLogger('ReceiptRetention');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.sweep());
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async sweep(): Promise<void> {
    try {
      let purged = 0;
      let batch: number;
      do {
        batch = await purgeReceipts(this.db, RECEIPT_RETENTION_DAYS);
        purged += batch;
      } while (batch > 0);
      if (purged > 0) this.log.info({ purged }, 'old inbound receipts forgotten');
    } catch (error) {
      this.log.error({ err: error }, 'purging old inbound receipts failed; the next sweep tries again');
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
