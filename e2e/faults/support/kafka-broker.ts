import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, repoRoot } from '../../support/service-process';

const run = promisify(execFile);

/**
 * A single-node broker of the test's own (infra/kafka/start on free ports and a data folder of its
 * own), so a scenario can kill -9 it without taking the broker away from every other test.
 */
export class OwnKafkaBroker {
  private constructor(
    readonly port: number,
    private readonly controllerPort: number,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<OwnKafkaBroker> {
    const broker = new OwnKafkaBroker(
      await freePort(),
      await freePort(),
      mkdtempSync(join(tmpdir(), 'sb-fault-kafka-')),
    );
    await broker.launch();
    return broker;
  }

  get bootstrap(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts, keeping its log) the broker and waits until it serves metadata. */
  async launch(): Promise<void> {
    await run('bash', [join(repoRoot, 'infra/kafka/start')], {
      env: {
        ...process.env,
        KAFKA_PORT: String(this.port),
        KAFKA_CONTROLLER_PORT: String(this.controllerPort),
        KAFKA_DATA_DIR: this.dataDir,
        KAFKA_HEAP_OPTS: '-Xmx512m -Xms128m',
      },
      timeout: 180_000,
    });
  }

  /** kill -9: the broker gets no chance to shut down cleanly. */
  kill(): void {
    const pid = Number(readFileSync(join(this.dataDir, 'kafka.pid'), 'utf8').trim());
    process.kill(pid, 'SIGKILL');
  }

  async destroy(): Promise<void> {
    try {
      this.kill();
    } catch {
      // already gone
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
