import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createLogger } from '@switchboard/logger';
import { startTicketArchiver, type ArchiveJob } from './ticket-archiver';

const logger = createLogger('ticket-archiver.spec');
const INTERVAL_MS = 1_000;

/** Counts runs; the second one fails, like a database that went away for a moment. */
class FlakyArchiveJob implements ArchiveJob {
  runs = 0;

  async execute(): Promise<number> {
    this.runs += 1;
    if (this.runs === 2) throw new Error('connection lost');
    return 0;
  }
}

describe('ticket archiver schedule', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('waits a whole interval before the first run, then runs once per interval', async () => {
    const job = new FlakyArchiveJob();
    const archiver = startTicketArchiver(job, INTERVAL_MS, logger);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS - 1);
    expect(job.runs).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(job.runs).toBe(1);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(job.runs).toBe(2);
    await archiver.stop();
  });

  it('survives a failed run: the next interval runs again', async () => {
    const job = new FlakyArchiveJob();
    const archiver = startTicketArchiver(job, INTERVAL_MS, logger);
    await jest.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    expect(job.runs).toBe(3);
    await archiver.stop();
  });

  it('stops for good: no timer is left behind', async () => {
    const job = new FlakyArchiveJob();
    const archiver = startTicketArchiver(job, INTERVAL_MS, logger);
    await jest.advanceTimersByTimeAsync(INTERVAL_MS);
    await archiver.stop();
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(10 * INTERVAL_MS);
    expect(job.runs).toBe(1);
  });
});
