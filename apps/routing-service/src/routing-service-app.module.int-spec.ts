import { loadConfig } from '@switchboard/config';
import { createTestDatabase, distributedEnv, expectAppModuleReady, type TestDatabase } from '@switchboard/testing';
import { RoutingServiceAppModule } from './routing-service-app.module';

describe('RoutingServiceAppModule', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase('routingservice_app')));
  afterAll(() => db.drop());

  it('boots on Postgres, Kafka and Redis and answers ready', async () => {
    const config = loadConfig(distributedEnv('routingservice-app', db.url));
    const ready = await expectAppModuleReady(RoutingServiceAppModule.forRoot(config));
    expect(JSON.parse(ready)).toMatchObject({ status: 'ok' });
  });
});
