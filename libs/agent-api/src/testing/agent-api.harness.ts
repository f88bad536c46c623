import type { FastifyInstance } from 'fastify';
import { loadConfig } from '@switchboard/config';
import { InMemoryCapacityStore, type CapacityStore } from '@switchboard/coordination';
import { createHttpServer } from '@switchboard/http';
import { reconcileCapacity } from '@switchboard/routing';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { registerAgentApi } from '../agent-api';
import { AgentApiClient } from './agent-api.client';
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

export async function startAgentApiHarness(label: string): Promise<AgentApiHarness> {
  const jwtSecret = `${label}-secret-0123456789abcdef0123456789`;
  const testDb: TestDatabase = await createTestDatabase(label);
  const db: Database = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
  let app: FastifyInstance | undefined;
  try {
    const world = await buildAgentApiWorld(db);
    const server = await createHttpServer(label);
    app = server;
    const capacity = new InMemoryCapacityStore();
    // As the routing service does at start: the agents' counters begin from Postgres' open tickets.
    await reconcileCapacity(db, capacity);
    await registerAgentApi(server, { db, jwtSecret, capacity });
    await server.ready();
    const api = new AgentApiClient(server);
    const tokens = await loginEveryone(api);
    const close = async (): Promise<void> => {
      await server.close();
      await db.close();
      await testDb.drop();
    };
    return { api, world, tokens, jwtSecret, db, capacity, close };
  } catch (error) {
    await app?.close();
    await db.close();
    await testDb.drop();
    throw error;
  }
}
