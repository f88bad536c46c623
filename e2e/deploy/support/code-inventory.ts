import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DynamicModule, Type } from '@nestjs/common';
import { PATTERN_EXTRAS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { loadConfig, type Config } from '@switchboard/config';
import { BATCH_EXTRAS_KEY, type BatchConsumerOptionsSource } from '@switchboard/messaging';
import { repoRoot } from '../../support/service-process';

/** A consumer as the code runs it: the app whose root module reaches it, its topic and group. */
export interface CodeConsumer {
  readonly app: string;
  readonly topic: string;
  readonly groupId: string;
}

/** A configuration as a deployed service has it (values only need to pass validation). */
export function deployedConfig(): Config {
  return loadConfig({
    SWITCHBOARD_MODE: 'distributed',
    DATABASE_URL: 'postgres://switchboard@postgres:5432/switchboard',
    KAFKA_BROKERS: 'kafka:9092',
    REDIS_URL: 'redis://redis:6379',
    JWT_SECRET: 'x'.repeat(32),
    INSTANCE_ID: 'pod-1',
  });
}

/**
 * The long-running services: every app whose main.ts starts a Nest service (runNestService). The
 * embedded `standalone` app runs them all in one process and is not deployed; `init` is a one-shot
 * step (the Jobs), not a service.
 */
export function serviceApps(): string[] {
  return readdirSync(join(repoRoot, 'apps'))
    .filter((app) => app !== 'standalone')
    .filter((app) => {
      const main = join(repoRoot, 'apps', app, 'src', 'main.ts');
      return existsSync(main) && readFileSync(main, 'utf8').includes('runNestService(');
    })
    .sort();
}

interface RootModule {
  forRoot(config: Config): DynamicModule;
}

async function rootModuleOf(app: string): Promise<RootModule> {
  const file = join(repoRoot, 'apps', app, 'src', `${app}-app.module.ts`);
  const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const root = Object.entries(exports).find(
    ([name, value]) => name.endsWith('AppModule') && typeof (value as Partial<RootModule>).forRoot === 'function',
  );
  if (!root) throw new Error(`${file} exports no *AppModule with forRoot(config)`);
  return root[1] as RootModule;
}

type ModuleEntry = Type | DynamicModule | Promise<DynamicModule> | { forwardRef: () => ModuleEntry } | undefined;

/** Every controller a module reaches through its imports (class and dynamic modules, forward refs, async ones). */
async function controllersOf(root: ModuleEntry): Promise<Type[]> {
  const seen = new Set<unknown>();
  const controllers: Type[] = [];
  const visit = async (entry: ModuleEntry): Promise<void> => {
    if (!entry || seen.has(entry)) return;
    seen.add(entry);
    if (entry instanceof Promise) return visit(await entry);
    if (typeof entry === 'object' && 'forwardRef' in entry) return visit(entry.forwardRef());
    if (typeof entry === 'function') {
      controllers.push(...((Reflect.getMetadata('controllers', entry) as Type[] | undefined) ?? []));
      for (const child of (Reflect.getMetadata('imports', entry) as ModuleEntry[] | undefined) ?? [])
        await visit(child);
      return;
    }
    await visit(entry.module);
    controllers.push(...(entry.controllers ?? []));
    for (const child of (entry.imports as ModuleEntry[] | undefined) ?? []) await visit(child);
  };
  await visit(root);
  return [...new Set(controllers)];
}

/** The @BatchEventPattern handlers of a controller class, with their options resolved against config. */
function batchHandlersOf(controller: Type, config: Config): { topic: string; groupId: string }[] {
  const proto = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto).flatMap((name) => {
    const method = proto[name];
    if (typeof method !== 'function') return [];
    const patterns = Reflect.getMetadata(PATTERN_METADATA, method) as string[] | undefined;
    const extras = Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method) as Record<string, unknown> | undefined;
    const source = extras?.[BATCH_EXTRAS_KEY] as BatchConsumerOptionsSource | undefined;
    if (!patterns || !source) return [];
    const options = typeof source === 'function' ? source(config) : source;
    return patterns.map((topic) => ({ topic, groupId: options.groupId }));
  });
}

/** Every consumer each service runs, read from its root module without booting it. */
export async function codeConsumers(config: Config): Promise<CodeConsumer[]> {
  const found: CodeConsumer[] = [];
  for (const app of serviceApps()) {
    const root = await rootModuleOf(app);
    for (const controller of await controllersOf(root.forRoot(config))) {
      for (const handler of batchHandlersOf(controller, config)) found.push({ app, ...handler });
    }
  }
  return found;
}
