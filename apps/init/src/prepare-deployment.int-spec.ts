import { Admin } from '@platformatic/kafka';
import pg from 'pg';
import { loadConfig } from '@switchboard/config';
import { allTopics, dlqTopicOf, Topics } from '@switchboard/contracts';
import { createTestDatabase, distributedEnv, type TestDatabase } from '@switchboard/testing';
import { prepareDeployment } from './prepare-deployment';

/** APP=init on the real Postgres and Kafka: the migrations once, every topic with its configured partitions. */
describe('prepareDeployment (APP=init)', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  const admin = new Admin({
    clientId: 'init-int-spec',
    bootstrapBrokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
  });

  beforeAll(async () => {
    database = await createTestDatabase('init');
    env = {
      ...distributedEnv('init', database.url),
      KAFKA_PARTITIONS: '2',
      KAFKA_TOPIC_PARTITIONS: `${Topics.inboundMessages}=5`,
    };
  });

  afterAll(async () => {
    const prefix = env['KAFKA_TOPIC_PREFIX'] ?? '';
    const mine = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (prefix && mine.length > 0) await admin.deleteTopics({ topics: mine });
    await admin.close();
    await database.drop();
  });

  it('migrates the database and creates each topic and its DLQ with its partitions; a second run changes nothing', async () => {
    const config = loadConfig(env);
    await prepareDeployment(config);
    await prepareDeployment(config);

    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    try {
      const tables = await sql.query<{ n: string }>(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('tickets', 'outbox')",
      );
      expect(tables.rows[0]?.n).toBe('2');
    } finally {
      await sql.end();
    }

    const prefix = env['KAFKA_TOPIC_PREFIX'] ?? '';
    const wire = allTopics().flatMap((topic) => [topic, dlqTopicOf(topic)].map((name) => `${prefix}${name}`));
    const metadata = await admin.metadata({ topics: wire });
    const partitions = Object.fromEntries(
      wire.map((name) => [name.slice(prefix.length), metadata.topics.get(name)?.partitionsCount]),
    );
    expect(partitions[Topics.inboundMessages]).toBe(5);
    expect(partitions[dlqTopicOf(Topics.inboundMessages)]).toBe(5);
    expect(partitions[Topics.ticketEvents]).toBe(2);
    expect(Object.values(partitions).every((count) => typeof count === 'number')).toBe(true);
  });

  it('runs only the steps INIT_STEPS names', async () => {
    const other = await createTestDatabase('init_topics_only');
    try {
      const config = loadConfig({ ...env, DATABASE_URL: other.url, INIT_STEPS: 'topics' });
      expect(await prepareDeployment(config)).toMatchObject({ migrated: false });
      const sql = new pg.Client({ connectionString: other.url });
      await sql.connect();
      const tables = await sql.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'tickets'");
      await sql.end();
      expect(tables.rows).toHaveLength(0);
    } finally {
      await other.drop();
    }
  });
});
