import type { INestApplication } from '@nestjs/common';
import { BatchTransportServer } from './batch-transport.server';

/**
 * Starts every @BatchEventPattern consumer of the application on its transport (Kafka or in-process):
 * initialises the app (so topics exist and providers are ready), connects BatchTransportServer as a
 * hybrid microservice and subscribes. `app.close()` stops the consumers, then closes the transport.
 * Call once per application.
 */
export async function startConsumers(app: INestApplication): Promise<void> {
  await app.init();
  app.connectMicroservice({ strategy: app.get(BatchTransportServer) });
  await app.startAllMicroservices();
}
