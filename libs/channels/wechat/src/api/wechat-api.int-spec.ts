import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { FakeWechatApi } from '../testing/fake-wechat-api';
import { OfficialAccountApi, type OaCredential } from './official-account.api';
import { RedisWechatSharedStore } from './shared-store';
import type { WechatApiConfig } from './wechat-api.config';
import { WechatApiException, WechatApiExceptionCode } from './wechat-api.exception';
import { WechatHttpClient } from './wechat-http.client';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('Official Account API through the shared token cache (fake WeChat API, real Redis)', () => {
  let fake: FakeWechatApi;
  let redis: Redis;
  let prefix: string;
  const credential: OaCredential = { api: 'oa', appId: 'wx-app-1', secret: 'app-secret' };

  const instance = (overrides: Partial<WechatApiConfig> = {}): OfficialAccountApi => {
    const config: WechatApiConfig = {
      oaBaseUrl: fake.baseUrl,
      wecomBaseUrl: fake.baseUrl,
      timeoutMs: 5_000,
      backoffMs: [5, 10, 20],
      maxMediaBytes: 1024 * 1024,
      ...overrides,
    };
    return new OfficialAccountApi(new WechatHttpClient(config, new RedisWechatSharedStore(redis, prefix)));
  };

  beforeAll(async () => {
    fake = await FakeWechatApi.start();
    fake.addApp(credential.appId, credential.secret);
    redis = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 });
  });

  beforeEach(() => {
    prefix = `sbtest-wechat-${randomUUID()}:`;
    fake.reset();
  });

  afterAll(async () => {
    await fake.close();
    redis.disconnect();
  });

  it('sends a customer-service text with a valid token, Chinese and emoji intact', async () => {
    await instance().sendText(credential, 'oCustomer1', '您好，师傅明天上午到 🔧');
    const [sent] = fake.callsTo('/cgi-bin/message/custom/send');
    expect(sent?.body).toEqual({ touser: 'oCustomer1', msgtype: 'text', text: { content: '您好，师傅明天上午到 🔧' } });
    expect(sent?.token).toMatch(/^oa-token-/);
  });

  it('fetches one token for many concurrent calls across two instances sharing Redis', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).sendText(credential, `oUser${i}`, `reply ${i}`)),
    );
    expect(fake.tokenRequests).toHaveLength(1);
    expect(new Set(fake.callsTo('/cgi-bin/message/custom/send').map((call) => call.token)).size).toBe(1);
  });

  it('refreshes once when every token expired (42001), then every call succeeds', async () => {
    const [a, b] = [instance(), instance()];
    await a.sendText(credential, 'oWarm', 'warm-up');
    fake.expireTokens();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).sendText(credential, `o${i}`, 'after expiry')),
    );
    expect(fake.tokenRequests).toHaveLength(2);
    const tokens = fake.callsTo('/cgi-bin/message/custom/send').map((call) => call.token);
    expect(new Set(tokens.slice(1)).size).toBe(1);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  it('refreshes on 40001 (a token replaced elsewhere) and on 40014', async () => {
    const api = instance();
    await api.sendText(credential, 'oA', 'one');
    fake.revokeTokens();
    await api.sendText(credential, 'oA', 'two');
    fake.failNext('/cgi-bin/message/custom/send', 40014);
    await api.sendText(credential, 'oA', 'three');
    expect(fake.tokenRequests).toHaveLength(3);
    expect(
      fake
        .callsTo('/cgi-bin/message/custom/send')
        .map((call) => (call.body as { text: { content: string } }).text.content),
    ).toEqual(['one', 'two', 'three']);
  });

  it('refreshes before expiry: five minutes before the platform would expire the token', async () => {
    let skewMs = 0;
    const clock = (): number => Date.now() + skewMs;
    const config = {
      oaBaseUrl: fake.baseUrl,
      wecomBaseUrl: fake.baseUrl,
      timeoutMs: 5_000,
      backoffMs: [],
      maxMediaBytes: 1024,
    };
    const api = new OfficialAccountApi(
      new WechatHttpClient(config, new RedisWechatSharedStore(redis, prefix), { now: clock }),
    );
    await api.sendText(credential, 'oB', 'first');
    skewMs = (7200 - 301) * 1000;
    await api.sendText(credential, 'oB', 'still the same token');
    expect(fake.tokenRequests).toHaveLength(1);
    skewMs = (7200 - 299) * 1000;
    await api.sendText(credential, 'oB', 'a fresh token');
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('backs off on 45009 and succeeds when the quota frees; fails retryable when it does not', async () => {
    const api = instance();
    fake.failNext('/cgi-bin/message/custom/send', 45009, 2);
    await api.sendText(credential, 'oC', 'after backoff');
    expect(fake.callsTo('/cgi-bin/message/custom/send')).toHaveLength(1);

    fake.failNext('/cgi-bin/message/custom/send', 45009, 10);
    const failure = await api.sendText(credential, 'oC', 'never').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WechatApiException);
    expect((failure as WechatApiException).code).toBe(WechatApiExceptionCode.RateLimited);
    expect((failure as WechatApiException).kind).toBe('unavailable');
  });

  it('reports the closed 48-hour window (45015) and a wrong secret as permanent', async () => {
    fake.failNext('/cgi-bin/message/custom/send', 45015, 1, 'response out of time limit');
    const window = await instance()
      .sendText(credential, 'oD', 'late')
      .catch((error: unknown) => error);
    expect((window as WechatApiException).code).toBe(WechatApiExceptionCode.ReplyWindowClosed);
    const wrong = await instance()
      .sendText({ ...credential, secret: 'wrong' }, 'oD', 'x')
      .catch((error: unknown) => error);
    expect((wrong as WechatApiException).code).toBe(WechatApiExceptionCode.CredentialsRejected);
  });

  it('uploads an image and sends it by media id; sends a template; downloads media', async () => {
    const api = instance();
    const content = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const mediaId = await api.uploadMedia(credential, 'image', {
      content,
      fileName: '照片.jpg',
      contentType: 'image/jpeg',
    });
    await api.sendMedia(credential, 'oE', 'image', mediaId);
    expect(fake.uploads.at(-1)).toMatchObject({ type: 'image', fileName: '照片.jpg', content });
    expect(fake.callsTo('/cgi-bin/message/custom/send').at(-1)?.body).toEqual({
      touser: 'oE',
      msgtype: 'image',
      image: { media_id: mediaId },
    });

    const msgid = await api.sendTemplate(credential, {
      openId: 'oE',
      templateId: 'tmpl-reply',
      data: { first: '您的工单 SB-000123 有新回复', remark: '点击查看' },
      url: 'https://example.test/t/SB-000123',
    });
    expect(msgid).toMatch(/^\d+$/);
    expect(fake.callsTo('/cgi-bin/message/template/send').at(-1)?.body).toMatchObject({
      touser: 'oE',
      template_id: 'tmpl-reply',
      data: { first: { value: '您的工单 SB-000123 有新回复' } },
    });

    fake.putMedia('voice-1', Buffer.from('#!AMR\n'), 'audio/amr');
    const voice = await api.downloadMedia(credential, 'voice-1');
    expect(voice.content.toString()).toBe('#!AMR\n');
    expect(voice.contentType).toBe('audio/amr');
    fake.putVideo('video-1', Buffer.from('mp4 bytes'));
    const video = await api.downloadMedia(credential, 'video-1');
    expect(video).toMatchObject({ contentType: 'video/mp4', content: Buffer.from('mp4 bytes') });
    const missing = await api.downloadMedia(credential, 'gone').catch((error: unknown) => error);
    expect((missing as WechatApiException).errcode).toBe(40007);
  });

  it('refuses media over the size limit', async () => {
    fake.putMedia('big', Buffer.alloc(2048), 'video/mp4');
    const failure = await instance({ maxMediaBytes: 1024 })
      .downloadMedia(credential, 'big')
      .catch((error: unknown) => error);
    expect((failure as WechatApiException).code).toBe(WechatApiExceptionCode.Rejected);
  });
});
