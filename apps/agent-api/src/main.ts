import { registerAgentApi } from '@switchboard/agent-api';
import { runService, stopAll, type Stoppable } from '@switchboard/bootstrap';
import { createCapacityStore } from '@switchboard/coordination';
import { createHttpServer } from '@switchboard/http';
import { createLogger } from '@switchboard/logger';
import { allTopics } from '@switchboard/contracts';
import { createTransport } from '@switchboard/messaging';
import { openDatabase, startOutbox } from '@switchboard/persistence';

/**
 * agent-api: the agents' HTTP API (JWT bearer tokens) over the ticket database. What agents change
 * (replies, assignments, status) leaves through the outbox; this process publishes its own commits at
 * once (the fast path), so a reply does not wait for the relay.
 */
runService('agent-api', async (config) => {
  if (!config.jwtSecret) throw new Error('JWT_SECRET is required: agent-api signs and checks bearer tokens with it');
  const jwtSecret = config.jwtSecret;
  const services: Stoppable[] = [];
  const db = await openDatabase(config);
  services.push({ stop: () => db.close() });
  const transport = createTransport(config, 'agent-api');
  await transport.ensureTopics(allTopics());
  services.push({ stop: () => transport.close() });
  const outbox = startOutbox(db, (topic, records) => transport.publish(topic, records));
  services.push(outbox);
  const capacity = createCapacityStore(config);
  services.push({ stop: () => capacity.close() });
  const app = await createHttpServer('agent-api');
  await registerAgentApi(app, { db, jwtSecret, capacity, onCommitted: (rows) => outbox.flush(rows) });
  await app.listen({ host: config.http.host, port: config.http.agentApiPort });
  services.push({ stop: () => app.close() });
  createLogger('agent-api').info(
    { url: `http://${config.http.host}:${config.http.agentApiPort}/api/v1` },
    'agent-api ready',
  );
  return { stop: () => stopAll(services) };
});
