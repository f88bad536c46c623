import { loadConfig } from '@switchboard/config';
import { createTestDatabase, distributedEnv, expectAppModuleReady, type TestDatabase } from '@switchboard/testing';
import { AgentApiAppModule } from './agent-api-app.module';

describe('AgentApiAppModule', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase('agentapi_app')));
  afterAll(() => db.drop());

  it('boots on Postgres, Kafka and Redis and answers ready', async () => {
    const config = loadConfig(distributedEnv('agentapi-app', db.url));
    const ready = await expectAppModuleReady(AgentApiAppModule.forRoot(config));
    expect(JSON.parse(ready)).toMatchObject({ status: 'ok' });
  });
});
