import { loadVoiceChannelConfig } from '@switchboard/channel-voice';
import {
  FakeTwilioApi,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  TEST_NUMBER,
  voiceTestEnv,
} from '@switchboard/channel-voice/testing';
import { InMemoryWechatSharedStore, loadWechatChannelConfig } from '@switchboard/channel-wechat';
import { FakeWechatApi, TEST_OA } from '@switchboard/channel-wechat/testing';
import { loadConfig } from '@switchboard/config';
import {
  Channel,
  OutboundMessageSchema,
  Topics,
  allTopics,
  create,
  decodeDeliveryReport,
  type DeliveryReport,
} from '@switchboard/contracts';
import { seedDemoTenant } from '@switchboard/demo';
import { newId } from '@switchboard/ids';
import { InProcessTransport } from '@switchboard/messaging';
import { openDatabase, type Database } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from '@switchboard/testing';
import { startInProcessStack, type InProcessStack } from '../support/in-process-stack';
import { expectRepliesSurviveOutage, type OutageProvider } from './support/reply-outage';

/** How long each provider is down: a minute under `npm run faults`, less in CI. */
const OUTAGE_MS = process.env['FAULT_MESSAGES'] ? 60_000 : 6_000;
const PER_WAVE = 5;

/**
 * (e) for the chat providers: the fake WeChat API answers 503 and the fake Twilio API 500 for a while,
 * as their outages look to us. Replies before and after are delivered once; a reply sent during it is
 * delivered once after it or reported FAILED (visibly), never both, never twice.
 */
describe('fault: the WeChat and Twilio APIs are down while agents reply', () => {
  let testDb: TestDatabase;
  let db: Database;
  let transport: InProcessTransport;
  let stack: InProcessStack;
  let wechat: FakeWechatApi;
  let twilio: FakeTwilioApi;
  const reports: DeliveryReport[] = [];
  const providers: OutageProvider[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase('fault_chat_outage');
    db = await openDatabase(loadConfig({ DATABASE_URL: testDb.url }));
    await seedDemoTenant(db);
    transport = new InProcessTransport();
    await transport.ensureTopics(allTopics());
    await transport.subscribe({
      topic: Topics.outboundStatus,
      groupId: 'fault-reports',
      handler: async (records) => void reports.push(...records.map((r) => decodeDeliveryReport(r.value))),
    });
    wechat = await FakeWechatApi.start();
    wechat.addApp(TEST_OA.appId, TEST_OA.secret);
    twilio = await FakeTwilioApi.start(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
    // Retries spread over about as long as the outage, so some replies of the middle wave outlast it.
    const retry = { attempts: '4', backoffMs: '500', maxBackoffMs: '3000' };
    stack = await startInProcessStack({
      db,
      transport,
      wechat: {
        config: loadWechatChannelConfig({
          WECHAT_ACCOUNTS: JSON.stringify([
            {
              kind: 'oa',
              tenant: 'demo',
              id: TEST_OA.id,
              appId: TEST_OA.appId,
              appSecret: TEST_OA.secret,
              token: TEST_OA.token,
              encodingAesKey: TEST_OA.encodingAesKey,
              originalId: TEST_OA.originalId,
            },
          ]),
          WECHAT_OA_BASE_URL: wechat.baseUrl,
          WECHAT_API_BACKOFF_MS: '1,1',
          WECHAT_DELIVERY_ATTEMPTS: retry.attempts,
          WECHAT_DELIVERY_BACKOFF_MS: retry.backoffMs,
          WECHAT_DELIVERY_MAX_BACKOFF_MS: retry.maxBackoffMs,
        }),
        store: new InMemoryWechatSharedStore(),
      },
      voice: {
        config: loadVoiceChannelConfig(
          voiceTestEnv(twilio, 'demo', {
            VOICE_DELIVERY_ATTEMPTS: retry.attempts,
            VOICE_DELIVERY_BACKOFF_MS: retry.backoffMs,
            VOICE_DELIVERY_MAX_BACKOFF_MS: retry.maxBackoffMs,
          }),
        ),
      },
    });
    const answer = (channel: Channel, conversationKey: string, wave: string, i: number) => {
      const messageId = newId();
      return create(OutboundMessageSchema, {
        messageId,
        tenant: 'demo',
        ticketId: newId(),
        ticketNumber: `SB-8${wave.length}${i}`,
        channel,
        conversationKey,
        bodyText: `Answer ${wave} ${i} [${messageId}]`,
      });
    };
    providers.push(
      {
        name: 'wechat API',
        topic: Topics.outboundWechat,
        reply: (wave, i) => answer(Channel.WECHAT, `wechat:oa:${TEST_OA.appId}:o-${wave}-${i}`, wave, i),
        delivered: (m) =>
          wechat.callsTo('/cgi-bin/message/custom/send').filter((c) => JSON.stringify(c.body).includes(m.messageId))
            .length,
        fail: (on) => wechat.failHttp(on ? 503 : undefined),
        refused: () =>
          wechat.requestCount('/cgi-bin/message/custom/send') - wechat.callsTo('/cgi-bin/message/custom/send').length,
      },
      {
        name: 'twilio API',
        topic: Topics.outboundSms,
        reply: (wave, i) =>
          answer(Channel.SMS, `sms:+1415555${wave.length}${String(i).padStart(3, '0')}:${TEST_NUMBER}`, wave, i),
        delivered: (m) => twilio.acceptedMessages().filter((f) => (f['Body'] ?? '').includes(m.messageId)).length,
        fail: (on) => twilio.failAll(on ? { status: 500, code: 20500, message: 'Internal Server Error' } : undefined),
        refused: () => twilio.sentMessages().length - twilio.acceptedMessages().length,
      },
    );
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await wechat?.close();
    await twilio?.stop();
    await transport?.close();
    await db?.close();
    await testDb?.drop();
  });

  it.each(['wechat', 'twilio'])(
    '%s: every reply delivered once or reported FAILED, never both, never twice',
    async (name) => {
      const provider = providers.find((p) => p.name === `${name} API`);
      if (!provider) throw new Error(`no provider ${name}`);
      await expectRepliesSurviveOutage({ transport, reports, provider, outageMs: OUTAGE_MS, perWave: PER_WAVE });
    },
    240_000,
  );
});
