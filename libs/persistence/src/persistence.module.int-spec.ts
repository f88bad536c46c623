import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule, loadConfig } from '@switchboard/config';
import { MessagingModule } from '@switchboard/messaging';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { DATABASE, PersistenceModule } from './persistence.module';
import type { Database } from './sql-executor';

async function bootPersistence(env: Record<string, string>): Promise<INestApplicationContext> {
  @Module({
    imports: [
      ConfigModule.forRoot(loadConfig(env)),
      MessagingModule.forRoot('persistence-spec'),
      PersistenceModule.forRoot(),
    ],
  })
  class PersistenceHostModule {}
  return NestFactory.createApplicationContext(PersistenceHostModule, { logger: false, abortOnError: false });
}

async function expectMigratedDataSource(app: INestApplicationContext): Promise<DataSource> {
  const dataSource = app.get(DataSource);
  expect(dataSource.isInitialized).toBe(true);
  const db = app.get<Database>(DATABASE);
  expect(db.dataSource).toBe(dataSource);
  const [applied] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM migrations`);
  expect(Number(applied?.n)).toBe(dataSource.migrations.length);
  return dataSource;
}

describe('PersistenceModule provides the DataSource through @nestjs/typeorm', () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase('persistence-module');
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('injects the migrated DataSource by its class and destroys it when the application closes', async () => {
    const app = await bootPersistence({ DATABASE_URL: testDb.url });
    const dataSource = await expectMigratedDataSource(app);
    await app.close();
    expect(dataSource.isInitialized).toBe(false);
  });

  // A server's answer; an embedded database folder that does not exist yet is simply created.
  const onServer = process.env['TEST_DATABASE'] === 'pglite' ? it.skip : it;
  onServer(
    'fails the start at once on an error that retrying cannot fix (a database that does not exist)',
    async () => {
      const missing = new URL(testDb.url);
      missing.pathname = '/switchboard_no_such_database';
      await expect(bootPersistence({ DATABASE_URL: missing.toString() })).rejects.toThrow(/does not exist/);
    },
  );

  it('on embedded PGlite, stops the server with the data source, releasing the data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-persistence-module-'));
    try {
      const app = await bootPersistence({ DATA_DIR: dataDir });
      const dataSource = await expectMigratedDataSource(app);
      expect(app.get<Database>(DATABASE).embedded).toBe(true);
      const lockFile = join(dataDir, 'switchboard.pid');
      expect(existsSync(lockFile)).toBe(true);
      await app.close();
      expect(dataSource.isInitialized).toBe(false);
      expect(existsSync(lockFile)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
