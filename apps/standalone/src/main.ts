import { runService, stopAll, type Stoppable } from '@switchboard/bootstrap';
import { registerAgentApi } from '@switchboard/agent-api';
import { loadEmailChannelConfig, startEmailChannel } from '@switchboard/channel-email';
import { registerWebChannel } from '@switchboard/channel-web';
import { allTopics } from '@switchboard/contracts';
import { createCapacityStore } from '@switchboard/coordination';
import { demoTenantSlug, seedDemoTenant } from '@switchboard/demo';
import { createHttpServer } from '@switchboard/http';
import { createTransport } from '@switchboard/messaging';
import { openDatabase, startOutbox, type OutboxRow } from '@switchboard/persistence';
import { startRoutingService } from '@switchboard/routing';
import { startTicketService } from '@switchboard/tickets';
import { banner } from './banner';
import { localSecret } from './local-secret';

/** The embedded default: every service module in one process, same handlers and SQL as distributed. */
runService('standalone', async (config) => {
  const services: Stoppable[] = [];
  const db = await openDatabase(config);
  services.push({ stop: () => db.close() });
  const demo = config.seedDemo ? await seedDemoTenant(db) : undefined;
  const demoExists = (await db.query('SELECT 1 FROM tenants WHERE slug = $1', [demoTenantSlug])).length > 0;
  const transport = createTransport(config, 'standalone');
  await transport.ensureTopics(allTopics());
  services.push({ stop: () => transport.close() });
  const capacity = createCapacityStore(config);
  services.push({ stop: () => capacity.close() });
  const outbox = startOutbox(db, (topic, records) => transport.publish(topic, records));
  services.push(outbox);
  const onCommitted = (rows: readonly OutboxRow[]): void => outbox.flush(rows);
  services.push(await startTicketService({ db, transport, config, capacity, onCommitted }));
  const routing = await startRoutingService({ db, transport, capacity, config, onCommitted });
  services.push(routing);
  // Always on: mailboxes an admin adds through the API are picked up without a restart; idle it costs
  // two consumers and one small query per EMAIL_MAILBOX_REFRESH_MS.
  const email = loadEmailChannelConfig(process.env);
  services.push(await startEmailChannel({ db, transport, config: email, env: process.env }));
  const app = await createHttpServer('standalone');
  const web = await registerWebChannel(app, { transport, config });
  services.push({ stop: () => web.close() });
  await registerAgentApi(app, {
    db,
    jwtSecret: config.jwtSecret ?? localSecret(config.dataDir),
    capacity,
    onCommitted,
    onRoutingChanged: () => routing.invalidateRouting(),
  });
  await app.listen({ host: config.http.host, port: config.http.port });
  services.push({ stop: () => app.close() });
  process.stdout.write(banner(config, `http://${config.http.host}:${config.http.port}`, demo, demoExists));
  return { stop: () => stopAll(services) };
});
