import { createLogger, type Logger } from '@switchboard/logger';

export const DEFAULT_ARCHIVE_INTERVAL_MS = 60 * 60 * 1000;

/** What the schedule runs: ArchiveClosedTicketsUseCase. */
export interface ArchiveJob {
  execute(): Promise<number>;
}

/** Runs the archiver every interval until stopped; a failed run is logged and the next one tries again. */
export function startTicketArchiver(
  archive: ArchiveJob,
  intervalMs: number = DEFAULT_ARCHIVE_INTERVAL_MS,
  logger: Logger = createLogger('TicketArchiver'),
): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const runOnce = async (): Promise<void> => {
    try {
      const archived = await archive.execute();
      if (archived > 0) logger.info({ archived }, 'Archived closed tickets');
    } catch (error) {
      logger.error({ error }, 'Archiving closed tickets failed');
    }
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().then(schedule);
    }, intervalMs);
    // The archiver alone must not keep a process alive.
    timer.unref();
  };

  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
