import { runService, stopAll, type Stoppable } from '@switchboard/bootstrap';
import { allTopics } from '@switchboard/contracts';
import { createCapacityStore } from '@switchboard/coordination';
import { createLogger } from '@switchboard/logger';
import { createTransport } from '@switchboard/messaging';
import { openDatabase, startOutbox } from '@switchboard/persistence';
import { startRoutingService } from '@switchboard/routing';

/** routing-service: ticket.events.v1 (created) → assignment; capacity counters in Redis. */
runService('routing-service', async (config) => {
  const log = createLogger('routing-service');
  const services: Stoppable[] = [];
  const db = await openDatabase(config);
  services.push({ stop: () => db.close() });
  const transport = createTransport(config, 'routing-service');
  await transport.ensureTopics(allTopics());
  services.push({ stop: () => transport.close() });
  const capacity = createCapacityStore(config);
  services.push({ stop: () => capacity.close() });
  const outbox = startOutbox(db, (topic, records) => transport.publish(topic, records));
  services.push(outbox);
  services.push(
    await startRoutingService({ db, transport, capacity, config, onCommitted: (rows) => outbox.flush(rows) }),
  );
  log.info({ instance: config.instanceId }, 'routing-service ready');
  return { stop: () => stopAll(services) };
});
