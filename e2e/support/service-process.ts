import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository root, whether this file runs from e2e/support (Jest) or dist/e2e/support (benches). */
export const repoRoot = fileURLToPath(
  new URL(import.meta.url.includes('/dist/e2e/') ? '../../..' : '../..', import.meta.url),
);

/** A free loopback port, found by letting the OS pick one. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Extra node flags for every service process, e.g. SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
const extraNodeArgs = (): string[] => (process.env['SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);

/**
 * The compiled entry of a source entry: `apps/x/src/main.ts` runs as `dist/apps/x/src/main.js`, built
 * by swc (Jest's global setup builds dist/ once per run), because tsx cannot emit Nest's decorator metadata.
 */
export function distEntry(entry: string): string {
  return `dist/${entry.replace(/\.ts$/, '.js')}`;
}

/** Node flags of every service process: source maps so stack traces name the TypeScript lines. */
export const serviceNodeArgs = (): string[] => ['--enable-source-maps', ...extraNodeArgs()];

/** One app running as its own OS process (node on the swc build, as `npm start` runs it), with its output kept. */
export class ServiceProcess {
  private output = '';
  private readonly child: ChildProcess;
  private exited: Promise<number | null>;

  constructor(
    readonly name: string,
    entry: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [...serviceNodeArgs(), distEntry(entry)], {
      cwd: repoRoot,
      // PORT 0: a service whose port the test does not choose listens on a free one (its ready line names it).
      env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The address the service printed in its ready line (every service listens for /health and /metrics). */
  get url(): string {
    const ready = [...this.output.matchAll(/"url":"(http[^"]+)"[^\n]*ready"/g)].at(-1);
    if (!ready?.[1]) throw new Error(`${this.name} has not printed its ready line yet`);
    return ready[1];
  }

  get log(): string {
    return this.output;
  }

  /** Resolves when the output matches; fails early, with the output, if the process exits or time runs out. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    while (!pattern.test(this.output)) {
      if (exitCode !== undefined)
        throw new Error(`${this.name} exited (${exitCode}) before ${pattern}:\n${this.output.slice(-4_000)}`);
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not print ${pattern} in ${timeoutMs} ms:\n${this.output.slice(-4_000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
