import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { loadConfig, type Config } from '@switchboard/config';
import { openDatabase } from '@switchboard/persistence';
import {
  bootAppModule,
  createTestDatabase,
  distributedEnv,
  expectAppModuleReady,
  type TestDatabase,
} from '@switchboard/testing';
import { AgentApiAppModule } from '../apps/agent-api/src/agent-api-app.module';
import { ChannelApiAppModule } from '../apps/channel-api/src/channel-api-app.module';
import { ChannelEmailAppModule } from '../apps/channel-email/src/channel-email-app.module';
import { ChannelVoiceAppModule } from '../apps/channel-voice/src/channel-voice-app.module';
import { ChannelWebAppModule } from '../apps/channel-web/src/channel-web-app.module';
import { ChannelWechatAppModule } from '../apps/channel-wechat/src/channel-wechat-app.module';
import { RoutingServiceAppModule } from '../apps/routing-service/src/routing-service-app.module';
import { StandaloneAppModule } from '../apps/standalone/src/standalone-app.module';
import { TicketServiceAppModule } from '../apps/ticket-service/src/ticket-service-app.module';

type Probe = 'database' | 'messaging' | 'coordination';

const WECHAT_ACCOUNTS = JSON.stringify([
  {
    kind: 'oa',
    id: 'root-oa',
    tenant: 'demo',
    appId: 'wx-root',
    appSecret: 'secret',
    token: 'token',
    encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  },
]);
/** A configured Twilio account and number: channel-voice refuses to start without them. */
const VOICE_ENV = {
  VOICE_TWILIO_ACCOUNT_SID: `AC${'0'.repeat(29)}acc`,
  VOICE_TWILIO_AUTH_TOKEN: 'f4c3d00df4c3d00df4c3d00df4c3d00d',
  VOICE_PUBLIC_BASE_URL: 'https://support.example.com',
  VOICE_NUMBERS_JSON: JSON.stringify({
    numbers: [{ tenant: 'acme', number: '+14155550100', helpText: 'Acme support.' }],
  }),
};

/**
 * Every app's root module boots as its main.ts boots it, on the real services, and answers
 * /health/ready naming what it depends on. An injected class that reached Nest as a type-only import
 * (verbatimModuleSyntax) would be injected as undefined, or fail to resolve: either fails here.
 */
describe('app root modules', () => {
  let database: TestDatabase;
  let config: Config;
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-root-modules-'));

  beforeAll(async () => {
    database = await createTestDatabase('root_modules');
    config = loadConfig(distributedEnv('root-modules', database.url));
    // The ticket service runs the migrations; channel-email expects its tables to exist.
    await (await openDatabase(config)).close();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cases: [string, (config: Config) => DynamicModule, Probe[]][] = [
    ['ticket-service', (c) => TicketServiceAppModule.forRoot(c), ['database', 'messaging', 'coordination']],
    ['routing-service', (c) => RoutingServiceAppModule.forRoot(c), ['database', 'messaging', 'coordination']],
    ['agent-api', (c) => AgentApiAppModule.forRoot(c), ['database', 'messaging', 'coordination']],
    ['channel-web', (c) => ChannelWebAppModule.forRoot(c), ['messaging']],
    ['channel-email', (c) => ChannelEmailAppModule.forRoot(c), ['database', 'messaging']],
    ['channel-api', (c) => ChannelApiAppModule.forRoot(c), ['database', 'messaging']],
    ['channel-wechat', (c) => ChannelWechatAppModule.forRoot(c, { WECHAT_ACCOUNTS: WECHAT_ACCOUNTS }), ['messaging']],
    ['channel-voice', (c) => ChannelVoiceAppModule.forRoot(c, VOICE_ENV), ['database', 'messaging']],
  ];

  it.each(cases)('%s boots on Postgres, Kafka and Redis and is ready', async (_name, module, probes) => {
    const ready = JSON.parse(await expectAppModuleReady(module(config))) as { details: Record<string, unknown> };
    expect(Object.keys(ready.details).sort()).toEqual([...probes].sort());
  });

  it('standalone boots every module in one process on embedded PGlite and is ready', async () => {
    const embedded = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'root-modules-test-secret-0123456789abcdef' });
    const ready = JSON.parse(await expectAppModuleReady(StandaloneAppModule.forRoot(embedded))) as {
      details: Record<string, unknown>;
    };
    expect(Object.keys(ready.details).sort()).toEqual(['coordination', 'database', 'messaging']);
  });

  it('standalone boots with the WeChat channel (and its self-service binding) when accounts are configured', async () => {
    const embedded = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'root-modules-test-secret-0123456789abcdef' });
    process.env['WECHAT_ACCOUNTS'] = WECHAT_ACCOUNTS;
    try {
      await expectAppModuleReady(StandaloneAppModule.forRoot(embedded));
    } finally {
      delete process.env['WECHAT_ACCOUNTS'];
    }
  });

  it('standalone runs the SMS/voice channel only when Twilio numbers are configured', async () => {
    const embedded = loadConfig({
      DATA_DIR: join(dataDir, 'voice'),
      JWT_SECRET: 'root-modules-test-secret-0123456789abcdef',
    });
    const unsigned = {
      method: 'POST',
      url: '/webhooks/twilio/sms',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'Body=hi',
    } as const;
    const saved = Object.fromEntries(Object.keys(VOICE_ENV).map((key) => [key, process.env[key]]));
    Object.assign(process.env, VOICE_ENV);
    try {
      const booted = await bootAppModule(StandaloneAppModule.forRoot(embedded));
      try {
        const res = await booted.app.inject(unsigned);
        expect(res.statusCode).toBe(403);
        expect(res.json<{ error: { code: string } }>().error.code).toBe('invalid_signature');
      } finally {
        await booted.close();
      }
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) Reflect.deleteProperty(process.env, key);
        else process.env[key] = value;
      }
    }
    const off = await bootAppModule(StandaloneAppModule.forRoot(embedded));
    try {
      expect((await off.app.inject(unsigned)).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
