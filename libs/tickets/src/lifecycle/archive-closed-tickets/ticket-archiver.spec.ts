import { createLogger } from '@switchboard/logger';
import { startTicketArchiver, type ArchiveJob } from './ticket-archiver';

const logger = createLogger('ticket-archiver.spec');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  it('runs every interval, survives a failed run, and stops for good', async () => {
    const job = new FlakyArchiveJob();
    const archiver = startTicketArchiver(job, 10, logger);
    await sleep(80);
    await archiver.stop();
    const runsAtStop = job.runs;
    expect(runsAtStop).toBeGreaterThanOrEqual(3);
    await sleep(40);
    expect(job.runs).toBe(runsAtStop);
  });

  it('waits a whole interval before the first run', async () => {
    const job = new FlakyArchiveJob();
    const archiver = startTicketArchiver(job, 10_000, logger);
    await sleep(20);
    await archiver.stop();
    expect(job.runs).toBe(0);
  });
});
