import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@switchboard/config';
import { InMemoryCapacityStore, type CapacityStore } from '@switchboard/coordination';
import { reconcileCapacity } from '@switchboard/routing';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { AgentApiClient } from './agent-api.client';
import { startAgentApiApp } from './agent-api.test-app';
import {
  ADMIN_EMAIL,
  buildAgentApiWorld,
  EVE_EMAIL,
  OTHER_TENANT_SLUG,
  TEST_PASSWORD,
  type AgentApiWorld,
} from './agent-api.world';

export const ALICE = 'alice@demo.switchboard.local';
export const BOB = 'bob@demo.switchboard.local';
export const CAROL = 'carol@demo.switchboard.local';

export type Caller = 'alice' | 'bob' | 'carol' | 'dana' | 'eve';

/** A fresh database with the agent API world, an in-process server, and a token per caller. */
export interface AgentApiHarness {
  readonly api: AgentApiClient;
  /** The Nest application (e.g. to get a provider of the module under test). */
  readonly app: NestFastifyApplication;
  readonly world: AgentApiWorld;
  readonly tokens: Readonly<Record<Caller, string>>;
  readonly jwtSecret: string;
  readonly db: Database;
  /** The agents' load counters the API keeps true on manual assign, transfer and resolve. */
  readonly capacity: CapacityStore;
  close(): Promise<void>;
}

async function loginEveryone(api: AgentApiClient): Promise<Record<Caller, string>> {
  return {
    alice: await api.tokenFor(ALICE),
    bob: await api.tokenFor(BOB),
    carol: await api.tokenFor(CAROL),
    dana: await api.tokenFor(ADMIN_EMAIL, TEST_PASSWORD),
    eve: await api.tokenFor(EVE_EMAIL, TEST_PASSWORD, OTHER_TENANT_SLUG),
  };
}

export interface AgentApiHarnessOptions {
  /**
   * Logins per minute per address and email. High by default: every spec logs its callers in, and
   * specs log the same agents in again; the rate-limit spec sets the production default.
   */
  readonly loginPerMinute?: number;
  /** Runs before Nest registers the routes (OpenAPI set-up, Fastify onRoute hooks). */
  readonly beforeInit?: (app: NestFastifyApplication) => void;
}

export async function startAgentApiHarness(
  label: string,
  options: AgentApiHarnessOptions = {},
): Promise<AgentApiHarness> {
  const jwtSecret = `${label}-secret-0123456789abcdef0123456789`;
  const testDb: TestDatabase = await createTestDatabase(label);
  const config = loadConfig({
    DATABASE_URL: testDb.url,
    JWT_SECRET: jwtSecret,
    LOGIN_RATE_LIMIT_PER_MINUTE: String(options.loginPerMinute ?? 10_000),
  });
  const db: Database = await openDatabase(config);
  let app: NestFastifyApplication | undefined;
  try {
    const world = await buildAgentApiWorld(db);
    const capacity = new InMemoryCapacityStore();
    // As the routing service does at start: the agents' counters begin from Postgres' open tickets.
    await reconcileCapacity(db, capacity);
    const server = await startAgentApiApp(config, db, capacity, options.beforeInit);
    app = server;
    const api = new AgentApiClient(server.getHttpAdapter().getInstance());
    const tokens = await loginEveryone(api);
    const close = async (): Promise<void> => {
      await server.close();
      await db.close();
      await testDb.drop();
    };
    return { api, app: server, world, tokens, jwtSecret, db, capacity, close };
  } catch (error) {
    await app?.close();
    await db.close();
    await testDb.drop();
    throw error;
  }
}
