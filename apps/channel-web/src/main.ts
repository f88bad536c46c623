import { runService, stopAll, type Stoppable } from '@switchboard/bootstrap';
import { registerWebChannel } from '@switchboard/channel-web';
import { allTopics } from '@switchboard/contracts';
import { createHttpServer } from '@switchboard/http';
import { createLogger } from '@switchboard/logger';
import { createTransport } from '@switchboard/messaging';

/** channel-web: the web form and submissions API → inbound.messages.v1. Never touches the database. */
runService('channel-web', async (config) => {
  const services: Stoppable[] = [];
  const transport = createTransport(config, 'channel-web');
  await transport.ensureTopics(allTopics());
  services.push({ stop: () => transport.close() });
  const app = await createHttpServer('channel-web');
  const web = await registerWebChannel(app, { transport, config });
  services.push({ stop: () => web.close() });
  await app.listen({ host: config.http.host, port: config.http.port });
  services.push({ stop: () => app.close() });
  createLogger('channel-web').info({ url: `http://${config.http.host}:${config.http.port}/` }, 'channel-web ready');
  return { stop: () => stopAll(services) };
});
