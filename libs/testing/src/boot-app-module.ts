import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@switchboard/http';
import { startConsumers } from '@switchboard/messaging';

export interface BootedApp {
  readonly app: NestFastifyApplication;
  get(url: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/**
 * Boots an app's root module as its main.ts does (HTTP edge, consumers), without listening. A
 * dependency Nest cannot resolve (an injected class imported as a type only) fails here, loudly.
 */
export async function bootAppModule(module: DynamicModule): Promise<BootedApp> {
  const app = await createHttpApp(module, { nest: { logger: false } });
  try {
    await startConsumers(app);
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return {
    app,
    get: async (url) => {
      const res = await app.inject({ method: 'GET', url });
      return { status: res.statusCode, body: res.body };
    },
    close: () => app.close(),
  };
}

/**
 * An app's root module boots on the real services and says so: /health/live and /health/ready answer
 * 200 and /metrics has the Node defaults. Resolves with what /health/ready answered.
 */
export async function expectAppModuleReady(module: DynamicModule): Promise<string> {
  const booted = await bootAppModule(module);
  try {
    const live = await booted.get('/health/live');
    const ready = await booted.get('/health/ready');
    const metrics = await booted.get('/metrics');
    if (live.status !== 200 || ready.status !== 200 || !metrics.body.includes('process_cpu_seconds_total'))
      throw new Error(`not ready: live ${live.status}, ready ${ready.status} ${ready.body}, metrics ${metrics.status}`);
    return ready.body;
  } finally {
    await booted.close();
  }
}
