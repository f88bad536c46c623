import type { Logger } from '@switchboard/logger';

/**
 * Runs a routing pass (presence expiry, then the queue drain) every `intervalMs`, and again at once while a pass assigned something (the
 * queue may hold more than one pass takes). Presence and capacity changes are picked up within one
 * interval; the routing directory's cache adds at most its TTL.
 */
export class QueueDrainer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    /** One pass; returns how many tickets it assigned. */
    private readonly runPass: () => Promise<number>,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.schedule(this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass();
    }, ms);
  }

  private async pass(): Promise<void> {
    let assigned = 0;
    try {
      assigned = await this.runPass();
      if (assigned > 0) this.log.info({ assigned }, 'queued tickets assigned');
    } catch (error) {
      this.log.error({ err: error }, 'queue drain failed; trying again');
    }
    this.schedule(assigned > 0 ? 0 : this.intervalMs);
  }
}
