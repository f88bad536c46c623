import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Config } from '@switchboard/config';
import { createHttpApp, setupOpenApi } from '@switchboard/http';
import { createLogger } from '@switchboard/logger';
import { startConsumers } from '@switchboard/messaging';
import { useObservabilityLogger } from '@switchboard/observability';
import { runService } from './run-service';

export interface NestServiceDefinition {
  /** The app's root module for this configuration. */
  readonly module: (config: Config) => DynamicModule;
  /** Where it listens (every service answers /health/* and /metrics); 0 picks a free port, logged as `url`. */
  readonly port: (config: Config) => number;
  /** A public HTTP API documented at /api/v1/openapi.json and /docs. */
  readonly openApi?: { readonly title: string; readonly description?: string };
  /** Runs once the app listens (the embedded banner). */
  readonly onListening?: (app: NestFastifyApplication, config: Config) => Promise<void> | void;
}

/** Boots one Nest application: the HTTP edge, its consumers, then listens; Ctrl-C closes it. */
export async function startNestService(
  name: string,
  config: Config,
  definition: NestServiceDefinition,
): Promise<NestFastifyApplication> {
  const app = await createHttpApp(definition.module(config), {
    trustProxy: config.http.trustProxy,
    ...(config.redis ? { redisUrl: config.redis.url, redisKeyPrefix: config.redis.keyPrefix } : {}),
  });
  useObservabilityLogger(app);
  if (definition.openApi) setupOpenApi(app, definition.openApi);
  await startConsumers(app);
  await app.listen({ host: config.http.host, port: definition.port(config) });
  const url = await app.getUrl();
  createLogger(name).info({ url, instance: config.instanceId }, `${name} ready`);
  await definition.onListening?.(app, config);
  return app;
}

/** `runService` for a Nest application. */
export function runNestService(name: string, definition: NestServiceDefinition): void {
  runService(name, async (config) => {
    const app = await startNestService(name, config, definition);
    return { stop: () => app.close() };
  });
}
