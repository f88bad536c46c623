import { runService, stopAll, type Stoppable } from '@switchboard/bootstrap';
import { allTopics } from '@switchboard/contracts';
import { createCapacityStore } from '@switchboard/coordination';
import { seedDemoTenant } from '@switchboard/demo';
import { createLogger } from '@switchboard/logger';
import { createTransport } from '@switchboard/messaging';
import { openDatabase, startOutbox } from '@switchboard/persistence';
import { startTicketService } from '@switchboard/tickets';

/** ticket-service: inbound.messages.v1 → tickets; publishes ticket events and receipts from the outbox. */
runService('ticket-service', async (config) => {
  const log = createLogger('ticket-service');
  const services: Stoppable[] = [];
  const db = await openDatabase(config);
  services.push({ stop: () => db.close() });
  if (config.seedDemo && (await seedDemoTenant(db))) log.info('demo tenant seeded');
  const transport = createTransport(config, 'ticket-service');
  await transport.ensureTopics(allTopics());
  services.push({ stop: () => transport.close() });
  const outbox = startOutbox(db, (topic, records) => transport.publish(topic, records));
  services.push(outbox);
  const capacity = createCapacityStore(config);
  services.push({ stop: () => capacity.close() });
  services.push(
    await startTicketService({ db, transport, config, capacity, onCommitted: (rows) => outbox.flush(rows) }),
  );
  log.info({ instance: config.instanceId }, 'ticket-service ready');
  return { stop: () => stopAll(services) };
});
