import { loadConfig } from '@switchboard/config';
import { createTestDatabase, distributedEnv, expectAppModuleReady, type TestDatabase } from '@switchboard/testing';
import { ChannelWebAppModule } from './channel-web-app.module';

describe('ChannelWebAppModule', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase('channelweb_app')));
  afterAll(() => db.drop());

  it('boots on Postgres, Kafka and Redis and answers ready', async () => {
    const config = loadConfig(distributedEnv('channelweb-app', db.url));
    const ready = await expectAppModuleReady(ChannelWebAppModule.forRoot(config));
    expect(JSON.parse(ready)).toMatchObject({ status: 'ok' });
  });
});
