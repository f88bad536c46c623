import { loadConfig } from '@switchboard/config';
import { createTestDatabase, distributedEnv, expectAppModuleReady, type TestDatabase } from '@switchboard/testing';
import { ChannelEmailAppModule } from './channel-email-app.module';

describe('ChannelEmailAppModule', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase('channelemail_app')));
  afterAll(() => db.drop());

  it('boots on Postgres, Kafka and Redis and answers ready', async () => {
    const config = loadConfig(distributedEnv('channelemail-app', db.url));
    const ready = await expectAppModuleReady(ChannelEmailAppModule.forRoot(config));
    expect(JSON.parse(ready)).toMatchObject({ status: 'ok' });
  });
});
