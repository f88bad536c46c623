import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@switchboard/config';
import { expectAppModuleReady } from '@switchboard/testing';
import { StandaloneAppModule } from './standalone-app.module';

describe('StandaloneAppModule', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-standalone-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('boots every module in one process on embedded PGlite and answers ready', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'standalone-app-module-test-secret-0123456789' });
    const ready = await expectAppModuleReady(StandaloneAppModule.forRoot(config));
    expect(JSON.parse(ready)).toMatchObject({ status: 'ok' });
  });
});
