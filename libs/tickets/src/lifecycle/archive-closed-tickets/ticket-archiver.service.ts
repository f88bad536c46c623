import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ArchiveClosedTicketsUseCase } from './archive-closed-tickets.use-case';
import { startTicketArchiver } from './ticket-archiver';

/**
 * Runs the archiver hourly while the application runs. Stopped in onModuleDestroy, i.e. before the
 * outbox and the database shut down, and after a run in progress finished.
 */
@Injectable()
export class TicketArchiverService implements OnApplicationBootstrap, OnModuleDestroy {
  private running: { stop(): Promise<void> } | undefined;

  constructor(private readonly archive: ArchiveClosedTicketsUseCase) {}

  onApplicationBootstrap(): void {
    this.running ??= startTicketArchiver(this.archive);
  }

  async onModuleDestroy(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}
