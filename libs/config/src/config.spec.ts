import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded mode with no external services', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.kafka).toBeUndefined();
    expect(config.redis).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(config.http.port).toBe(3000);
  });

  it('lists every missing setting of the distributed mode at once', () => {
    let error: unknown;
    try {
      loadConfig({ SWITCHBOARD_MODE: 'distributed', PORT: 'abc' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['DATABASE_URL', 'KAFKA_BROKERS', 'REDIS_URL', 'JWT_SECRET', 'PORT']) {
      expect(problems).toContain(key);
    }
  });

  it('reads the distributed services from the environment', () => {
    const config = loadConfig({
      SWITCHBOARD_MODE: 'distributed',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093',
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWT_SECRET: 'x'.repeat(32),
    });
    expect(config.kafka?.brokers).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(config.redis?.url).toBe('redis://127.0.0.1:6379');
    expect(config.seedDemo).toBe(false);
  });

  it('points the portal at its own server when embedded and at the agent API when distributed', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).portal).toMatchObject({
      apiUrl: 'http://127.0.0.1:8080',
      publicUrl: 'http://127.0.0.1:8080',
    });
    const distributed = loadConfig({
      SWITCHBOARD_MODE: 'distributed',
      DATABASE_URL: 'postgres://db/x',
      KAFKA_BROKERS: 'k:9092',
      REDIS_URL: 'redis://r:6379',
      JWT_SECRET: 'x'.repeat(32),
      PUBLIC_WEB_URL: 'https://help.example.com/',
    });
    expect(distributed.portal).toMatchObject({
      apiUrl: 'http://127.0.0.1:3001',
      publicUrl: 'https://help.example.com',
    });
    expect(() => loadConfig({ PORTAL_SECRET: 'short' })).toThrow(ConfigError);
  });
  it('reads the deployment settings: per-topic partitions, migrations on start, the init steps', () => {
    const config = loadConfig({
      SWITCHBOARD_MODE: 'distributed',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      KAFKA_BROKERS: 'kafka:9092',
      REDIS_URL: 'redis://127.0.0.1:6379',
      JWT_SECRET: 'x'.repeat(32),
      KAFKA_TOPIC_PARTITIONS: 'inbound.messages.v1=24, ticket.events.v1=12',
      RUN_MIGRATIONS: 'false',
      INIT_STEPS: 'topics',
    });
    expect(config.kafka?.topicPartitions).toEqual({ 'inbound.messages.v1': 24, 'ticket.events.v1': 12 });
    expect(config.database.runMigrations).toBe(false);
    expect(config.init).toEqual({ migrations: false, topics: true });
    const defaults = loadConfig({});
    expect(defaults.database.runMigrations).toBe(true);
    expect(defaults.init).toEqual({ migrations: true, topics: true });
    expect(() => loadConfig({ KAFKA_TOPIC_PARTITIONS: 'inbound.messages.v1:24' })).toThrow(/KAFKA_TOPIC_PARTITIONS/);
    expect(() => loadConfig({ INIT_STEPS: 'seed' })).toThrow(/INIT_STEPS/);
  });
});
