import { loadConfig } from '@switchboard/config';
import { createTestDatabase, distributedEnv, expectAppModuleReady, type TestDatabase } from '@switchboard/testing';
import { TicketServiceAppModule } from './ticket-service-app.module';

describe('TicketServiceAppModule', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase('ticketservice_app')));
  afterAll(() => db.drop());

  it('boots on Postgres, Kafka and Redis and answers ready', async () => {
    const config = loadConfig(distributedEnv('ticketservice-app', db.url));
    const ready = await expectAppModuleReady(TicketServiceAppModule.forRoot(config));
    expect(JSON.parse(ready)).toMatchObject({ status: 'ok' });
  });
});
