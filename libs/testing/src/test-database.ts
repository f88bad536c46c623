import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The Postgres server tests use: the one every machine of this project runs (trust auth). */
export const TEST_POSTGRES_ADMIN_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/**
 * Which database engine the tests run on: the Postgres server (default), or embedded PGlite when
 * TEST_DATABASE=pglite — the same SQL suite then runs against the engine `npm start` uses.
 */
export const testDatabaseEngine = (): 'postgres' | 'pglite' =>
  process.env['TEST_DATABASE'] === 'pglite' ? 'pglite' : 'postgres';

/** A fresh, empty database of its own for one test file; drop() removes it. */
export async function createTestDatabase(label = 'sb'): Promise<TestDatabase> {
  if (testDatabaseEngine() === 'pglite') return createPgliteTestDatabase(label);
  const name = `${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** An embedded PGlite folder: `pglite:///…` makes openDatabase start PGlite there (see the config). */
function createPgliteTestDatabase(label: string): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `${label}-pglite-`));
  return Promise.resolve({
    url: `pglite://${dir}`,
    name: dir,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  });
}
