import { ConfigError, loadConfig, type Config } from '@switchboard/config';
import { createLogger } from '@switchboard/logger';

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Runs one process: validates the configuration (printing every problem and exiting 1 when it is
 * wrong), starts the service, and stops it cleanly on SIGINT/SIGTERM. Stopping twice forces exit.
 */
export function runService(name: string, start: (config: Config) => Promise<Stoppable>): void {
  const log = createLogger(name);
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let stopping = false;
  start(config).then(
    (service) => {
      const shutdown = (signal: string): void => {
        if (stopping) process.exit(1);
        stopping = true;
        log.info({ signal }, 'stopping');
        service.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            log.error({ err: error }, 'error while stopping');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    },
    (error: unknown) => {
      log.fatal({ err: error }, 'failed to start');
      process.stderr.write(`${name} could not start: ${startFailureHint(error)}\n`);
      process.exit(1);
    },
  );
}

/** Stops services in reverse start order, going on past failures, and reports the first one. */
export async function stopAll(services: readonly Stoppable[]): Promise<void> {
  let first: Error | undefined;
  for (const service of [...services].reverse()) {
    await service.stop().catch((error: unknown) => {
      first ??= error instanceof Error ? error : new Error(String(error));
    });
  }
  if (first) throw first;
}

/** A sentence a person can act on, for the failures a newcomer meets first. */
function startFailureHint(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'EADDRINUSE') {
    return `${error.message}. Another program uses that port: stop it, or set PORT / AGENT_API_PORT.`;
  }
  if (code === 'ECONNREFUSED') {
    return `${error.message}. A service it needs is not running: run "bash infra/start", or check DATABASE_URL, KAFKA_BROKERS, REDIS_URL.`;
  }
  return error.message;
}
