import { loadConfig } from '@switchboard/config';

/**
 * The image's HEALTHCHECK (and compose's): exits 0 when this container's service answers
 * /health/ready, i.e. it and the Postgres, Kafka and Redis it uses are up. The port is the one the
 * service listens on: AGENT_API_PORT for agent-api, PORT for the others.
 */
const config = loadConfig();
const port = process.env['APP'] === 'agent-api' ? config.http.agentApiPort : config.http.port;
try {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2_500) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
