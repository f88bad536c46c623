import type { CapacityStore } from '@switchboard/coordination';
import type { Logger } from '@switchboard/logger';
import type { UpdateTicketClocksUseCase } from '../clocks/update-ticket-clocks.use-case';
import type { FireDueTimersUseCase } from './fire-due-timers.use-case';

export interface SlaTimerLoopDeps {
  readonly fire: Pick<FireDueTimersUseCase, 'execute'>;
  readonly clocks: Pick<UpdateTicketClocksUseCase, 'recomputeMarked'>;
  readonly capacity: CapacityStore;
  readonly pollMs: number;
  readonly batchSize: number;
  readonly log: Logger;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * The timer loop of one instance: fires due timers back to back while full batches come, then waits
 * `pollMs`; in between, recomputes tickets an admin change marked. Every instance runs one; SKIP
 * LOCKED shares the due rows between them. A failed pass is logged and tried again: the rows stay.
 */
export class SlaTimerLoop {
  private stopping = false;
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SlaTimerLoopDeps) {}

  start(): void {
    this.stopping = false;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.done;
  }

  /** One pass: what a test with an injected clock calls instead of start(). */
  async pass(): Promise<number> {
    let fired = 0;
    for (;;) {
      const outcome = await this.deps.fire.execute();
      fired += outcome.fired;
      await this.release(outcome.released);
      if (outcome.claimed < this.deps.batchSize || this.stopping) break;
    }
    for (let marked = 1; marked > 0 && !this.stopping;) marked = await this.deps.clocks.recomputeMarked();
    return fired;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.pass();
      } catch (error) {
        this.deps.log.error({ err: error }, 'SLA timer pass failed; the next pass tries again');
      }
      if (!this.stopping) await sleep(this.deps.pollMs);
    }
  }

  private async release(released: readonly { tenantId: string; agentId: string; channel: string }[]): Promise<void> {
    if (released.length === 0) return;
    try {
      await this.deps.capacity.release(released);
    } catch (error) {
      this.deps.log.warn(
        { err: error },
        'agent load not released after an escalation; routing rebuilds it from Postgres',
      );
    }
  }
}
